/**
 * `kubectl get` for admission configuration: webhook configurations (NAME WEBHOOKS AGE),
 * ValidatingAdmissionPolicies (NAME VALIDATIONS PARAMKIND AGE) and their bindings
 * (NAME POLICYNAME PARAMREF AGE).
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type {
  MutatingWebhookConfiguration,
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
  ValidatingWebhookConfiguration,
} from 'kubernetes-types/admissionregistration/v1';
import { ageColumn, column, nameColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';

const webhooksColumn = column('Webhooks', 'Webhooks indicates the number of webhooks registered in this configuration', { type: 'integer' });

/** Prints Mutating- and ValidatingWebhookConfigurations by how many webhooks they register. */
export const webhookConfigurationPrinter: KindPrinter = {
  columns: [nameColumn, webhooksColumn, ageColumn],
  print(obj, now) {
    const configuration = obj as MutatingWebhookConfiguration | ValidatingWebhookConfiguration;
    return {
      cells: [configuration.metadata?.name ?? '', configuration.webhooks?.length ?? 0, ageSince(configuration.metadata?.creationTimestamp, now)],
    };
  },
};

/** Prints ValidatingAdmissionPolicies; PARAMKIND is `apiVersion/kind`, or "<unset>". */
export const validatingAdmissionPolicyPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Validations', 'Validations indicates the number of validation rules defined in this configuration', { type: 'integer' }),
    column('ParamKind', 'ParamKind specifies the kind of resources used to parameterize this policy'),
    ageColumn,
  ],
  print(obj, now) {
    const policy = obj as ValidatingAdmissionPolicy;
    const paramKind = policy.spec?.paramKind;
    return {
      cells: [
        policy.metadata?.name ?? '',
        policy.spec?.validations?.length ?? 0,
        paramKind ? `${paramKind.apiVersion ?? ''}/${paramKind.kind ?? ''}` : '<unset>',
        ageSince(policy.metadata?.creationTimestamp, now),
      ],
    };
  },
};

/**
 * The Go-generated String() of a metav1.LabelSelector, which is what a selector-only paramRef
 * prints: `&LabelSelector{MatchLabels:map[string]string{env: prod,},MatchExpressions:[]LabelSelectorRequirement{},}`.
 */
export function goLabelSelectorString(selector: LabelSelector): string {
  const labels = Object.keys(selector.matchLabels ?? {})
    .sort()
    .map((key) => `${key}: ${selector.matchLabels?.[key] ?? ''},`)
    .join('');
  const expressions = (selector.matchExpressions ?? [])
    .map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`)
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${expressions}},}`;
}

/** `namespace/name` (namespace `*` when the ref leaves it to the request), else the selector, else "<unset>". */
export function paramRefCell(binding: ValidatingAdmissionPolicyBinding): string {
  const ref = binding.spec?.paramRef;
  if (!ref) return '<unset>';
  if (ref.name) return ref.namespace ? `${ref.namespace}/${ref.name}` : `*/${ref.name}`;
  return ref.selector ? goLabelSelectorString(ref.selector) : '<unset>';
}

/** Prints ValidatingAdmissionPolicyBindings. */
export const validatingAdmissionPolicyBindingPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('PolicyName', 'PolicyName indicates the policy definition which the policy binding binded to'),
    column('ParamRef', 'ParamRef indicates the param resource which sets the configration param'),
    ageColumn,
  ],
  print(obj, now) {
    const binding = obj as ValidatingAdmissionPolicyBinding;
    return {
      cells: [binding.metadata?.name ?? '', binding.spec?.policyName ?? '', paramRefCell(binding), ageSince(binding.metadata?.creationTimestamp, now)],
    };
  },
};
