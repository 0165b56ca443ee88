/**
 * The persistentvolumeclaims evaluator (persistent_volume_claims.go): a claim consumes
 * `persistentvolumeclaims` and its storage request in `requests.storage` (the allocated
 * size when a resize left it larger), each also charged to its storage class as
 * `<class>.storageclass.storage.k8s.io/<resource>`. Charged on update, so a resize is checked.
 */
import type { PersistentVolumeClaim } from '../../typed-objects.js';
import type { ResourceList } from '../pod-resources.js';
import type { Quantity } from '../quantity.js';
import { quantityError, toQuantity } from '../quantity.js';
import type { QuotaEvaluator } from './evaluator.js';

const CLAIM_RESOURCES = ['persistentvolumeclaims', 'requests.storage'];
const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';

/** GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
function storageClassOf(claim: PersistentVolumeClaim): string {
  const annotated = claim.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (typeof annotated === 'string') return annotated;
  return typeof claim.spec?.storageClassName === 'string' ? claim.spec.storageClassName : '';
}

const quantityOf = (value: unknown): Quantity | undefined => (value !== undefined && quantityError(value) === undefined ? toQuantity(value) : undefined);

/** Whole bytes: a fractional request is rounded up, as the evaluator does so quota validation accepts it. */
function roundUpToBytes(quantity: Quantity): Quantity {
  const whole = 1_000_000_000n;
  const rounded = quantity.nanos % whole === 0n ? quantity.nanos : (quantity.nanos / whole + (quantity.nanos > 0n ? 1n : 0n)) * whole;
  return { ...quantity, nanos: rounded };
}

function storageUsage(claim: PersistentVolumeClaim): Quantity | undefined {
  const requested = quantityOf(claim.spec?.resources?.requests?.storage);
  if (!requested) return undefined;
  const allocated = quantityOf(claim.status?.allocatedResources?.storage);
  return roundUpToBytes(allocated && allocated.nanos > requested.nanos ? allocated : requested);
}

/** The persistentvolumeclaims evaluator. */
export const claimEvaluator: QuotaEvaluator<PersistentVolumeClaim> = {
  group: '',
  resource: 'persistentvolumeclaims',
  chargesUpdates: true,
  matchingResources: (names) =>
    names.filter((name) => name === 'count/persistentvolumeclaims' || CLAIM_RESOURCES.includes(name) || CLAIM_RESOURCES.some((r) => name.endsWith(`${STORAGE_CLASS_SUFFIX}${r}`))),
  usage(claim): ResourceList {
    const usage: ResourceList = new Map([['persistentvolumeclaims', toQuantity(1)], ['count/persistentvolumeclaims', toQuantity(1)]]);
    const storageClass = storageClassOf(claim);
    if (storageClass) usage.set(`${storageClass}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, toQuantity(1));
    const storage = storageUsage(claim);
    if (storage) {
      usage.set('requests.storage', storage);
      if (storageClass) usage.set(`${storageClass}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
    }
    return usage;
  },
  matchesScope: () => false,
  constraints: () => undefined,
};
