/**
 * The Go packages of Kubernetes' API the generators read (kubernetes/api and
 * kubernetes/apimachinery at the release the api-server reports), and how to
 * read one package's Go sources: every generator that reads the structs reads
 * the same packages, so their tables agree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The API packages whose kinds kubectl may send, and the apimachinery packages they use. */
export const apiPackages = [
  'k8s.io/api/core/v1',
  'k8s.io/api/admissionregistration/v1',
  'k8s.io/api/apps/v1',
  'k8s.io/api/authentication/v1',
  'k8s.io/api/authorization/v1',
  'k8s.io/api/autoscaling/v1',
  'k8s.io/api/autoscaling/v2',
  'k8s.io/api/batch/v1',
  'k8s.io/api/certificates/v1',
  'k8s.io/api/coordination/v1',
  'k8s.io/api/discovery/v1',
  'k8s.io/api/events/v1',
  'k8s.io/api/flowcontrol/v1',
  'k8s.io/api/networking/v1',
  'k8s.io/api/node/v1',
  'k8s.io/api/policy/v1',
  'k8s.io/api/rbac/v1',
  'k8s.io/api/scheduling/v1',
  'k8s.io/api/storage/v1',
  'k8s.io/apimachinery/pkg/apis/meta/v1',
  'k8s.io/apimachinery/pkg/api/resource',
  'k8s.io/apimachinery/pkg/util/intstr',
  'k8s.io/apimachinery/pkg/runtime',
];

/** The texts of a package's hand-written Go files, by file name (tests and generated code left out). */
export function readGoSources(dir: string): Map<string, string> {
  const goFiles = readdirSync(dir)
    .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go') && !f.startsWith('zz_generated') && f !== 'generated.pb.go')
    .sort();
  return new Map(goFiles.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}
