import { describe, expect, it } from 'vitest';
import { buildProtoTable, type SourcePackage } from './build-proto-table.js';
import { readGoPackage } from './go-struct-tags.js';
import { parseProtoFile } from './proto-file.js';

const proto = `package k8s.io.api.apps.v1;
message Widget {
  optional .k8s.io.apimachinery.pkg.apis.meta.v1.Time created = 1;
  optional WidgetSpec spec = 2;
}
message WidgetSpec {
  optional WidgetHandler handler = 1;
  optional int32 replicas = 2;
  optional int32 port = 3;
  optional string name = 4;
  repeated string names = 5;
  repeated string rules = 6;
  optional WidgetHandler fallback = 7;
}
message WidgetHandler {
  optional string path = 1;
}
`;
const go = `package v1
type Widget struct {
	metav1.TypeMeta \`json:",inline"\`
	Created metav1.Time \`json:"created,omitempty" protobuf:"bytes,1,opt,name=created"\`
	Spec WidgetSpec \`json:"spec" protobuf:"bytes,2,opt,name=spec"\`
}
type WidgetSpec struct {
	WidgetHandler \`json:",inline" protobuf:"bytes,1,opt,name=handler"\`
	Replicas *int32 \`json:"replicas,omitempty" protobuf:"varint,2,opt,name=replicas"\`
	Port int32 \`json:"port" protobuf:"varint,3,opt,name=port"\`
	Name string \`json:"name,omitempty" protobuf:"bytes,4,opt,name=name"\`
	Names []string \`json:"names,omitempty" protobuf:"bytes,5,rep,name=names"\`
	Rules []string \`json:"rules" protobuf:"bytes,6,rep,name=rules"\`
	Fallback *WidgetHandler \`json:"fallback" protobuf:"bytes,7,opt,name=fallback"\`
}
type WidgetHandler struct {
	Path string \`json:"path,omitempty" protobuf:"bytes,1,opt,name=path"\`
}
`;
const meta: SourcePackage = {
  proto: parseProtoFile('package k8s.io.apimachinery.pkg.apis.meta.v1;\nmessage Time {\n  optional int64 seconds = 1;\n}', 'meta.proto'),
  go: readGoPackage(new Map()),
};
const apps = (goText = go): SourcePackage => ({ proto: parseProtoFile(proto, 'apps.proto'), go: readGoPackage(new Map([['types.go', goText]])) });
const catalog = (specProperties: string[]) => ({
  kinds: {},
  definitions: { 'io.k8s.api.apps.v1.WidgetSpec': { properties: Object.fromEntries(specProperties.map((p) => [p, { type: 'string' }])) } },
});

describe('buildProtoTable', () => {
  it('maps fields to JSON: inline structs, what Go writes for an unset field, omitZero only for non-pointer omitempty scalars', () => {
    const { table, renamed } = buildProtoTable([apps(), meta], catalog(['path', 'replicas', 'port', 'name', 'names', 'rules', 'fallback']));
    expect(table.kinds).toEqual({ 'apps/v1': { Widget: 'k8s.io.api.apps.v1.Widget' } });
    expect(table.messages['k8s.io.apimachinery.pkg.apis.meta.v1.Time']).toEqual({ special: 'time' });
    expect(table.messages['k8s.io.api.apps.v1.WidgetSpec'].fields).toEqual({
      1: { inline: true, type: 'k8s.io.api.apps.v1.WidgetHandler' },
      2: { json: 'replicas', type: 'int32' },
      3: { json: 'port', type: 'int32', unset: 'zero' },
      4: { json: 'name', type: 'string', omitZero: true },
      5: { json: 'names', type: 'string', repeated: true, omitEmpty: true },
      6: { json: 'rules', type: 'string', repeated: true, unset: 'null' },
      7: { json: 'fallback', type: 'k8s.io.api.apps.v1.WidgetHandler', unset: 'null' },
    });
    // A struct is written even under omitempty; a struct whose tag has no omitempty likewise.
    expect(table.messages['k8s.io.api.apps.v1.Widget'].fields).toEqual({
      1: { json: 'created', type: 'k8s.io.apimachinery.pkg.apis.meta.v1.Time', unset: 'struct' },
      2: { json: 'spec', type: 'k8s.io.api.apps.v1.WidgetSpec', unset: 'struct' },
    });
    expect(renamed).toEqual([]);
  });

  it('fails on a JSON name the schema catalog does not know, inline fields included', () => {
    expect(() => buildProtoTable([apps(), meta], catalog(['replicas', 'port', 'name', 'names', 'rules', 'fallback']))).toThrow('JSON field "path" is not in the schema catalog');
  });

  it('fails when the Go tag disagrees with generated.proto', () => {
    expect(() => buildProtoTable([apps(go.replace('name=port', 'name=ports')), meta], catalog([]))).toThrow('the Go tag names it ports');
    expect(() => buildProtoTable([apps(go.replace('varint,3,opt', 'varint,9,opt')), meta], catalog([]))).toThrow('no Go field carries protobuf number 3');
  });

  it('fails on a field type from a package it did not read', () => {
    expect(() => buildProtoTable([apps()], catalog(['path', 'replicas', 'port', 'name', 'names', 'rules', 'fallback']))).toThrow('field type k8s.io.apimachinery.pkg.apis.meta.v1.Time is in none of the packages read');
  });
});
