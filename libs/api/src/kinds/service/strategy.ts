/**
 * The Service strategy and REST storage (pkg/registry/core/service): a new Service gets its
 * cluster IPs and NodePorts from the service CIDR after admission (BeginCreate's allocation),
 * and an update keeps what a replace left out of them (PrepareForUpdate, patchAllocatedValues).
 */
import { cloneJson, type KubeObject } from '../../object.js';
import { invalid } from '../../status.js';
import type { Service } from '../../typed-objects.js';
import { strategy, type KindStrategy, type KindWrite } from '../strategy.js';
import { allocateServiceAddresses } from './service-ips.js';
import { prepareServiceUpdate } from './service-update.js';

/** The admitted Service with its addresses allocated, or the 422 of a requested address that is taken or out of range. */
function allocateOnCreate(obj: KubeObject, w: KindWrite): KubeObject {
  const svc = cloneJson(obj) as Service;
  const errors = allocateServiceAddresses(svc, w.view.list('Service'), w.ctx.options.serviceCidr);
  if (errors.length > 0) throw invalid(w.resource.kind, w.resource.group, svc.metadata.name!, errors);
  return svc;
}

/** The Service kind's strategy. */
export const serviceStrategy: KindStrategy = strategy({
  generation: false,
  prepareForUpdate: (next, current) => {
    prepareServiceUpdate(next, current);
    return next;
  },
  completeCreate: allocateOnCreate,
});
