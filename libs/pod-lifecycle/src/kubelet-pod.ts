/**
 * The pod as the lifecycle reads it. The agent hands in the stored pod with the status it last computed itself, whose
 * conditions carry `lastProbeTime: null` as the api returns them, which kubernetes-types' PodStatus cannot say.
 */
import type { Pod } from '@kubelab/api';
import type { PodStatus } from 'kubernetes-types/core/v1';
import type { KubeletPodCondition } from './pod-conditions.js';

/** A v1 PodStatus whose conditions carry `lastProbeTime: null` as the api returns them. */
export type KubeletPodStatus = Omit<PodStatus, 'conditions'> & { conditions: KubeletPodCondition[] };

/** A Pod whose status is the api's or the one the kubelet computed. */
export type KubeletPod = Omit<Pod, 'status'> & { status?: PodStatus | KubeletPodStatus };
