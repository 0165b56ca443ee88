/**
 * Pieces the core storage kinds share (PersistentVolume, PersistentVolumeClaim,
 * StorageClass): access modes, volume modes, positive quantities and class names.
 */
import { isPlainObject } from '../../object.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidValue, notSupported } from '../../field-errors.js';
import { formatQuantity } from '../quantity.js';
import { child } from './field-path.js';
import { nameIsDNSSubdomain } from './name-formats.js';
import { parseQuantityField, validateQuantityValue } from './resources.js';

/** sets.List order of the supported access modes. */
export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
/** sets.List order of the supported volume modes. */
export const VOLUME_MODES = ['Block', 'Filesystem'];

/** Each access mode known, and ReadWriteOncePod alone. */
export function validateAccessModes(modes: unknown, path: string): FieldError[] {
  const list: unknown[] = Array.isArray(modes) ? modes : [];
  const errors = list.filter((mode) => !ACCESS_MODES.includes(String(mode))).map((mode) => notSupported(path, mode, ACCESS_MODES));
  const rwop = list.includes('ReadWriteOncePod');
  const others = list.some((mode) => mode !== 'ReadWriteOncePod' && ACCESS_MODES.includes(String(mode)));
  if (rwop && others) errors.push(forbiddenField(path, 'may not use ReadWriteOncePod with other access modes'));
  return errors;
}

/** ValidatePositiveQuantityValue, then the usual quantity rules. */
export function validatePositiveQuantity(resource: string, value: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const quantity = parseQuantityField(value, path, errors);
  if (!quantity) return errors;
  if (quantity.nanos <= 0n) return [invalidValue(path, formatQuantity(quantity), 'must be greater than zero')];
  return validateQuantityValue(resource, quantity, path);
}

/** ValidateClassName: storage class names are DNS subdomains. */
export function validateClassName(name: unknown, path: string): FieldError[] {
  if (typeof name !== 'string' || name === '') return [];
  return nameIsDNSSubdomain(name, false).map((message) => invalidValue(path, name, message));
}

/** A volumeMode, when set, is Block or Filesystem. */
export function validateVolumeMode(mode: unknown, path: string): FieldError[] {
  return mode === undefined || mode === null || VOLUME_MODES.includes(String(mode)) ? [] : [notSupported(path, mode, VOLUME_MODES)];
}

/** The `storage` entry of a resource map, if any. */
export function storageOf(list: unknown): unknown {
  return isPlainObject(list) ? list.storage : undefined;
}

/** `spec.x` paths. */
export const specPath = (...names: string[]) => child('spec', ...names);
