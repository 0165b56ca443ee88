/**
 * The clock the agent's machines read: the host's time moved on by the lab's offset (kube-system/kubelab-clock,
 * libs/bus clock-offset.ts), which the ConfigMap informer keeps. A node's `date`, journal, crictl and kubeadm, its
 * containers, and the start checks of the control plane's certificates read it; objects' timestamps stay the host's.
 */
import { ClockOffset } from '@kubelab/bus';

export const machineClock = new ClockOffset();
