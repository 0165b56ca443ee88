import { describe, expect, it } from 'vitest';
import { parseProtoFile } from './proto-file.js';

const proto = `
// Licence.
syntax = "proto2";

package k8s.io.api.apps.v1;

import "k8s.io/api/core/v1/generated.proto";

// DeploymentSpec is the specification of the desired behavior of the Deployment.
message DeploymentSpec {
  // Number of desired pods.
  // +optional
  optional int32 replicas = 1;

  optional .k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector selector = 2;

  repeated string names = 3;

  map<string, .k8s.io.apimachinery.pkg.api.resource.Quantity> limits = 4;

  optional DeploymentStrategy strategy = 11;
}
`;

describe('parseProtoFile', () => {
  it('reads the package and every field with its label and fully qualified type', () => {
    expect(parseProtoFile(proto, 'apps/v1/generated.proto')).toEqual({
      package: 'k8s.io.api.apps.v1',
      messages: [{
        name: 'DeploymentSpec',
        fields: [
          { name: 'replicas', number: 1, label: 'optional', type: 'int32' },
          { name: 'selector', number: 2, label: 'optional', type: 'k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector' },
          { name: 'names', number: 3, label: 'repeated', type: 'string' },
          { name: 'limits', number: 4, label: 'map', type: 'k8s.io.apimachinery.pkg.api.resource.Quantity' },
          { name: 'strategy', number: 11, label: 'optional', type: 'k8s.io.api.apps.v1.DeploymentStrategy' },
        ],
      }],
    });
  });

  it.each([
    ['a oneof', 'package p;\nmessage M {\n  oneof x {\n  }\n}'],
    ['a nested message', 'package p;\nmessage M {\n  message N {\n  }\n}'],
    ['an enum', 'package p;\nenum E {\n  A = 0;\n}'],
    ['a map keyed by int', 'package p;\nmessage M {\n  map<int32, string> m = 1;\n}'],
  ])('refuses %s instead of guessing', (_, text) => {
    expect(() => parseProtoFile(text, 'x.proto')).toThrow('x.proto');
  });
});
