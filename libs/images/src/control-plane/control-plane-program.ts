/** The control-plane programs kubeadm runs as static pods, whose command line the lab reads. */
export type ControlPlaneProgram = 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler';
