import { describe, expect, it } from 'vitest';
import { readGoPackage } from './go-struct-tags.js';

const types = `// +groupName=apps
package v1

type Deployment struct {
	metav1.TypeMeta \`json:",inline"\`
	// Standard object's metadata.
	metav1.ObjectMeta \`json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"\`
}

type Probe struct {
	ProbeHandler \`json:",inline" protobuf:"bytes,1,opt,name=handler"\`
	Replicas *int32 \`json:"replicas,omitempty" protobuf:"varint,2,opt,name=replicas"\`
	Labels map[string]string \`json:"labels,omitempty" protobuf:"bytes,3,rep,name=labels"\`
	Raw []byte \`json:"-" protobuf:"bytes,4,opt,name=raw"\`
	ContentType string \`protobuf:"bytes,5,opt,name=contentType"\`
	Internal string \`json:"internal"\`
	Volumes []Volume \`json:"volumes,omitempty" patchStrategy:"merge,retainKeys" patchMergeKey:"name" protobuf:"bytes,6,rep,name=volumes"\`
}

type EphemeralContainer struct {
	EphemeralContainerCommon \`json:",inline" protobuf:"bytes,1,req"\`
}

type Patch struct{}

type List metav1.List
`;

describe('readGoPackage', () => {
  const pkg = readGoPackage(new Map([['types.go', types]]));

  it('reads the group, the kinds (structs embedding TypeMeta) and defined types', () => {
    expect(pkg.groupName).toBe('apps');
    expect(pkg.structs.get('Deployment')?.isKind).toBe(true);
    expect(pkg.structs.get('Probe')?.isKind).toBe(false);
    expect(pkg.structs.get('Patch')).toEqual({ name: 'Patch', fields: [], isKind: false });
    expect(pkg.definedTypes.get('List')).toBe('metav1.List');
  });

  it('reads JSON names, omitempty, inline and pointer types of fields with a protobuf tag', () => {
    expect(pkg.structs.get('Probe')?.fields).toEqual([
      { goName: '', goType: 'ProbeHandler', json: { name: '', omitEmpty: false, inline: true }, protobuf: { number: 1, name: 'handler' } },
      { goName: 'Replicas', goType: '*int32', json: { name: 'replicas', omitEmpty: true, inline: false }, protobuf: { number: 2, name: 'replicas' } },
      { goName: 'Labels', goType: 'map[string]string', json: { name: 'labels', omitEmpty: true, inline: false }, protobuf: { number: 3, name: 'labels' } },
      { goName: 'Raw', goType: '[]byte', json: { name: '-', omitEmpty: false, inline: false }, protobuf: { number: 4, name: 'raw' } },
      { goName: 'ContentType', goType: 'string', json: { name: 'ContentType', omitEmpty: false, inline: false }, protobuf: { number: 5, name: 'contentType' } },
      {
        goName: 'Volumes', goType: '[]Volume', json: { name: 'volumes', omitEmpty: true, inline: false }, protobuf: { number: 6, name: 'volumes' },
        patch: { strategy: 'merge,retainKeys', mergeKey: 'name' },
      },
    ]);
    expect(pkg.structs.get('EphemeralContainer')?.fields[0].protobuf).toEqual({ number: 1, name: undefined });
  });
});
