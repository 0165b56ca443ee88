import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import type { CustomResourceDefinition } from '../typed-objects.js';
import { defaultCrd, validateCrdCreate, validateCrdUpdate } from './validate-crd.js';

const crontabs = (): CustomResourceDefinition => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'crontabs.stable.example.com' },
  spec: {
    group: 'stable.example.com',
    scope: 'Namespaced',
    names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'] },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { cronSpec: { type: 'string' } } } } } } }],
  },
});

const messages = (crd: KubeObject) => validateCrdCreate(defaultCrd(crd)).map((e) => `${e.field}: ${e.message}`);

describe('CRD validation', () => {
  it('accepts the documentation\'s CronTab and defaults listKind and conversion', () => {
    const crd = defaultCrd(crontabs()) as CustomResourceDefinition;
    expect(crd.spec!.names.listKind).toBe('CronTabList');
    expect(crd.spec!.conversion).toEqual({ strategy: 'None' });
    expect(validateCrdCreate(crd)).toEqual([]);
  });

  it('refuses a non-structural schema with apiextensions\' paths', () => {
    const crd = crontabs();
    crd.spec!.versions[0].schema!.openAPIV3Schema = { properties: { spec: { properties: { cronSpec: { type: 'string' }, list: { type: 'array', items: {} } } } } };
    expect(messages(crd)).toEqual([
      'spec.versions[0].schema.openAPIV3Schema.type: Required value: must not be empty at the root',
      'spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields',
      'spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[list].items.type: Required value: must not be empty for specified array items',
    ]);
    delete crd.spec!.versions[0].schema;
    expect(messages(crd)).toEqual(['spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required']);
  });

  it('checks the name, group, names and the one storage version', () => {
    const crd = crontabs();
    crd.metadata.name = 'crontab.example';
    crd.spec!.group = 'example';
    crd.spec!.names.plural = 'CronTabs';
    crd.spec!.versions[0].storage = false;
    expect(messages(crd)).toEqual([
      'metadata.name: Invalid value: "crontab.example": must be spec.names.plural+"."+spec.group',
      'spec.group: Invalid value: "example": should be a domain with at least one dot',
      'spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{apiextensions.CustomResourceDefinitionVersion{Name:"v1", Served:true, Storage:false}}: must have exactly one version marked as storage version',
      'spec.names.plural: Invalid value: "CronTabs": a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\')',
    ]);
  });

  it('keeps group and plural immutable, and scope once established', () => {
    const old = defaultCrd(crontabs());
    old.status = { conditions: [{ type: 'Established', status: 'True' }] };
    const next = defaultCrd(crontabs()) as CustomResourceDefinition;
    next.spec!.scope = 'Cluster';
    expect(validateCrdUpdate(next, old).map((e) => `${e.field}: ${e.message}`)).toEqual(['spec.scope: Invalid value: "Cluster": field is immutable']);
  });
});
