/** The storage admission plugins and the class helpers they share with the volume controllers. */
export * from './storage-classes.js';
export * from './storage-admission.js';
export * from './lab-storage-classes.js';
