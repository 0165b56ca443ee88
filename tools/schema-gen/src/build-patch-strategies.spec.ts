import { describe, expect, it } from 'vitest';
// eslint-disable-next-line @nx/enforce-module-boundaries -- imported by path, not as @kubelab/api, whose entry point loads the JSON this tool writes
import type { SchemaCatalog } from '../../../libs/api/src/schema/catalog-types.js';
import { buildPatchStrategies } from './build-patch-strategies.js';
import { readGoPackage } from './go-struct-tags.js';

const types = `package v1

type DeploymentSpec struct {
	Replicas *int32 \`json:"replicas,omitempty" protobuf:"varint,1,opt,name=replicas"\`
	Strategy DeploymentStrategy \`json:"strategy,omitempty" patchStrategy:"retainKeys" protobuf:"bytes,4,opt,name=strategy"\`
}

type EphemeralContainerCommon struct {
	Env []EnvVar \`json:"env,omitempty" patchStrategy:"merge" patchMergeKey:"name" protobuf:"bytes,7,rep,name=env"\`
}

type EphemeralContainer struct {
	EphemeralContainerCommon \`json:",inline" protobuf:"bytes,1,req"\`
}

type Internal struct {
	Items []string \`json:"items" patchStrategy:"merge" protobuf:"bytes,1,rep,name=items"\`
}
`;

const property = { type: 'string' };
const catalog: SchemaCatalog = {
  kinds: {},
  definitions: {
    'io.k8s.api.apps.v1.DeploymentSpec': { properties: { replicas: property, strategy: property } },
    'io.k8s.api.apps.v1.EphemeralContainer': { properties: { env: property } },
  },
};

describe('buildPatchStrategies', () => {
  const table = buildPatchStrategies([{ path: 'k8s.io/api/apps/v1', go: readGoPackage(new Map([['types.go', types]])) }], catalog);

  it('keeps the tags of catalog definitions, with the fields of inline structs in the struct that embeds them', () => {
    expect(table).toEqual({
      'io.k8s.api.apps.v1.DeploymentSpec': { strategy: { strategy: 'retainKeys' } },
      'io.k8s.api.apps.v1.EphemeralContainer': { env: { strategy: 'merge', mergeKey: 'name' } },
    });
  });

  it('stops on a tagged field the catalog does not know', () => {
    const narrow: SchemaCatalog = { kinds: {}, definitions: { 'io.k8s.api.apps.v1.DeploymentSpec': { properties: { replicas: property } } } };
    expect(() => buildPatchStrategies([{ path: 'k8s.io/api/apps/v1', go: readGoPackage(new Map([['types.go', types]])) }], narrow)).toThrow(/strategy/);
  });
});
