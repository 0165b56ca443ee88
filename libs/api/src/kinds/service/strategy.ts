/**
 * The Service strategy and REST storage (pkg/registry/core/service): a new Service gets its
 * cluster IPs from the service CIDR and its node ports (its health check's too) from the node port range after admission
 * (BeginCreate's allocation); an update keeps what a replace left out of them (PrepareForUpdate,
 * patchAllocatedValues) and gets node ports for the ports that newly need them (BeginUpdate's).
 */
import { cloneJson, type KubeObject } from '../../object.js';
import { internalError, invalid } from '../../status.js';
import type { Service } from '../../typed-objects.js';
import { strategy, type KindStrategy, type KindWrite } from '../strategy.js';
import { allocateHealthCheckNodePort, allocateNodePorts, defaultNodePortRange, needsNodePorts } from './node-ports.js';
import { allocateServiceAddresses } from './service-ips.js';
import { prepareServiceUpdate } from './service-update.js';

/** The node ports a Service's ports need, drawn or checked against the others'; the 422 of one that is taken or out of range. */
function withNodePorts(svc: Service, w: KindWrite, previous?: Service): Service {
  const range = w.ctx.options.serviceNodePortRange ?? defaultNodePortRange;
  const errors = allocateNodePorts(svc, w.view.list('Service'), range, w.ctx.randomInt, previous);
  if (errors.length > 0) throw invalid(w.resource.kind, w.resource.group, svc.metadata.name!, errors);
  const healthCheck = allocateHealthCheckNodePort(svc, w.view.list('Service'), range, w.ctx.randomInt, previous);
  if (healthCheck) throw internalError(healthCheck);
  return svc;
}

/** The admitted Service with its addresses allocated, or the 422 of a requested address that is taken or out of range. */
function allocateOnCreate(obj: KubeObject, w: KindWrite): KubeObject {
  const svc = cloneJson(obj) as Service;
  const errors = allocateServiceAddresses(svc, w.view.list('Service'), w.ctx.options.serviceCidr);
  if (errors.length > 0) throw invalid(w.resource.kind, w.resource.group, svc.metadata.name!, errors);
  return withNodePorts(svc, w);
}

/** The Service kind's strategy. */
export const serviceStrategy: KindStrategy = strategy({
  generation: false,
  prepareForUpdate: (next, current) => {
    prepareServiceUpdate(next, current);
    return next;
  },
  completeCreate: allocateOnCreate,
  completeUpdate: (next, current, w) => (needsNodePorts((next as Service).spec) ? withNodePorts(cloneJson(next) as Service, w, current as Service) : next),
});
