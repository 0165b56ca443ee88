/** The volume controllers: the PV binder, the lab's provisioners, protection and expansion. */
export * from './volume-annotations.js';
export * from './volume-matching.js';
export * from './persistent-volume-binder.js';
export * from './lab-provisioners.js';
export * from './storage-protection.js';
export * from './volume-expansion.js';
