import { chaosUsage } from '../chaos/chaos-cli.js';
import { componentNames } from '../components.js';
import { descheduleStrategies } from '../deschedule.js';

/** What `kubelab`, `kubelab help` and `kubelab --help` show: every command on one page, grouped as a person looks for them. */
export const overview = `kubelab — a Kubernetes cluster emulator for learning, rehearsing and breaking a cluster

usage:
  kubelab up [--detach] [--data-dir DIR] [--api-port 6443] [--dashboard-port PORT] [--accept-hosts REGEXPS] [--nodes 3] [--time-scale 1]
             [--components ${componentNames.join(',')}] [--nats-url nats://HOST:PORT[,…] | --nats-cluster 3] [--nats-listen 127.0.0.1]
             [--insecure-http] [--record-watch-deliveries]
             the API serves HTTPS with a certificate from the lab's CA (DIR/pki/ca.crt, made on the first
             start); --insecure-http serves plain HTTP instead, for debugging; --record-watch-deliveries
             has the api-server note what each watch is sent, for kubelab check (a test mode);
             --nats-cluster N runs NATS as N routed members (nats-1 … nats-N) and keeps 3 copies of each bucket
  kubelab down [--data-dir DIR]
  kubelab status [--slo] [--data-dir DIR]
             the processes: their state, restarts and memory (RSS each; RSS and PSS of the whole lab);
             --slo adds sig-scalability's SLOs of the lab as it ran, PASS/FAIL each as the density bench
             prints them: PodStartupLatency (the pods' timestamps), APIResponsiveness (the api-server's
             apiserver_request_duration_seconds since it started), SchedulingThroughput
  kubelab kubeconfig [--server URL] [--cert-dir PKI_DIR] [--data-dir DIR] > kubeconfig
             prints a kubeconfig for URL with the lab CA and the admin's client certificate
             from PKI_DIR (the api-server's --cert-dir; by default DIR/pki) embedded;
             URL is by default the running lab's API, else https://127.0.0.1:6443
             (the compose lab writes its own to .kubelab/compose-kubeconfig)
  kubelab deschedule [--dry-run] [--strategies ${descheduleStrategies.join(',')}] [--data-dir DIR]
             evicts pods so the scheduler can place them better; --dry-run prints the plan only
  kubelab image add IMAGE:TAG --like IMAGE [--port PORT] [--data-dir DIR] [--nats-url URL]
             makes your own image pullable, as \`kind load\` does: it behaves as the --like image
             of the catalog (listening on PORT instead when given); kept in DIR/images.yaml and
             seen by the running lab's nodes at once (the lab of DIR, or the one at --nats-url)
  kubelab image list [REPOSITORY] [--data-dir DIR]
             the images nodes can pull (deploy/images.yaml and what image add added); with a
             REPOSITORY, its tags and tag patterns
  kubelab user add NAME [--group G]… [--data-dir DIR]
             a new user: a client certificate from the lab CA (CN NAME, O each group) and a
             context NAME in DIR/kubeconfig; RBAC decides what NAME may do
  kubelab node add NAME… [--data-dir DIR]
             lets more nodes join: a NATS user for each NAME's kubelet-agent (its seed in
             DIR/nats/users/), which may then act only as the kubelet of NAME
  kubelab node mark-control-plane [--data-dir DIR] [--kubeconfig FILE]
             kubeadm's mark-control-plane phase: the controlplane node's role labels, once it has
             registered (kubelab up does it itself; the compose lab runs it as a service)
  kubelab join-command [--nodes 1] [--node-prefix worker] [--advertise HOST] [--data-dir DIR]
             on the lab's host: a NATS user for an agent of new nodes PREFIX-xxxxx-1…N, and one line
             that starts it on another host (NATS must listen there: kubelab up --nats-listen 0.0.0.0)
  kubelab join --nats-url nats://HOST:PORT[,…] --token TOKEN | --token-file FILE
             on any host with kubelab installed: runs the token's nodes here until Ctrl-C, with no
             data dir (KUBELAB_NATS_URL and KUBELAB_JOIN_TOKEN work too)
  kubelab ssh NODE [COMMAND…] [--data-dir DIR]
             root's shell on a node: its own disk (/etc/kubernetes, /var/lib/kubelet/config.yaml, the
             kubelet's systemd unit), hostname and network; with COMMAND, runs it and exits with its status
  kubelab clock [forward DURATION | reset] [--data-dir DIR]
             the machines' clock (a node's date, kubeadm, the control plane's certificate checks):
             forward 400d moves it on, to see kubeadm's certificates expire and renew them; reset
             gives back the host's time; kept in the ConfigMap kube-system/kubelab-clock
  kubelab completion bash|zsh
             prints a completion script: source <(kubelab completion bash)

guided scenarios (each in its own namespace, learn-NAME; English, or Korean with --lang ko or KUBELAB_LANG=ko):
  kubelab learn list | start NAME | status [NAME] [-o json] | check [NAME] [-o json] | hint | solve | reset [NAME]
             [--lang en|ko] [--data-dir DIR] [--kubeconfig FILE]
             check reads the namespace's objects and its event log since start, says what is not yet
             right, and exits 0 only when the goal holds, with what happened; progress is kept in DIR
  kubelab exam start [--set cka|ckad] [--minutes 120] [--seed N] [--tasks N] | status | finish | review
             [--lang en|ko] [--data-dir DIR] [--kubeconfig FILE]
             a timed practice exam of those scenarios, drawn from the seed; finish scores each task from
             the cluster and the log, review walks them with the path you took (kept in DIR/exam.json)

chaos drills, each recorded in the event log with actor chaos (add --data-dir DIR for another lab;
the drill names also work without "chaos": kubelab start-agent node-2):
${chaosUsage}

the event log (SEQ|DURATION|TIME: a seq, a duration ago such as 30s, 5m, 1h30m, or an RFC 3339 time;
events, why, replay and verify read the compose lab's with --kubeconfig .kubelab/compose-kubeconfig):
  kubelab events [--follow] [--since SEQ|DURATION|TIME] [--kind K] [--namespace NS] [--name N]
             [--type T[,T…]] [--actor A] [-o table|json|yaml] [--data-dir DIR]
             one line per change: seq, time, actor, type, object and what changed;
             --actor user matches every user, --actor kubelet every node's kubelet
  kubelab events --refusals [-o table|json|yaml] [--data-dir DIR]
             the newest refused requests the log does not record: unauthenticated callers,
             and users over their rate (the api-server's --audit-throttle-qps)
  kubelab why KIND/NAME [-n NAMESPACE] [--data-dir DIR]
             the causal chain behind an object's state, walked back through each entry's
             cause to its root, oldest first, with the scheduler's reasons; deleted objects too
  kubelab replay --at SEQ|DURATION|TIME [-o table|json|yaml] [--data-dir DIR]
             the nodes and pods (with STATUS) as they were then, rebuilt from the event log
  kubelab verify [--data-dir DIR]
             replays the whole log and checks it equals the live objects; exit 1 if not
  kubelab check [--settle DURATION] [--data-dir DIR]
             checks the whole log's invariants (no pod bound twice, one pod per StatefulSet
             identity, every seq and object once, resourceVersion = seq, Deployments stable
             for DURATION (60s) converged, Jobs within completions), plus replay = live and
             watch order when the lab runs; a stopped lab's DIR/events.sqlite is read
             directly; one PASS/FAIL/SKIP line each, with the seqs of every failure; exit 1 on a FAIL
  kubelab export [--since SEQ|DURATION|TIME] [--until SEQ] [--kind K] [--namespace NS] [--name N] [--data-dir DIR] > drill.ndjson
             with no lab running, reads DIR/events.sqlite itself (--since SEQ and --until SEQ only) and stops
             at the first event it cannot read back: how the good part of a damaged log is kept
  kubelab import FILE|- --data-dir NEW_DIR
             writes a whole exported log (an export without --since) into a new, stopped
             data dir; \`kubelab up --data-dir NEW_DIR\` then starts with that history

kubelab COMMAND --help shows one command's usage; kubelab completion bash|zsh a completion script.
`;
