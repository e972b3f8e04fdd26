/** Cost models of multi-stage job trees (Hou, MobiHoc 2024, Sec. 7). */
export type { TreeProblem, LeafCostSpec, LinkSpec, MeanChange } from './TreeProblem.js';
export { TreeCostModel, TreeModelError, bernoulliMean, validateProblem } from './TreeCostModel.js';
export { sumOfExponentialsSurvival, erlangSurvival } from './sumOfExponentialsSurvival.js';
export { bernoulliPanel, type BernoulliPanelSpec } from './bernoulliPanel.js';
export { mecProblem, type MecSpec } from './mecProblem.js';
export { layeredProblem, type LayeredSpec } from './layeredProblem.js';
