/** The custom kinds the controller-manager watches, learnt from CustomResourceDefinitions. */
export { customInformerKey, customInformersOf, planCustomInformers, type CustomInformer, type CustomInformerPlan } from './plan-custom-informers.js';
