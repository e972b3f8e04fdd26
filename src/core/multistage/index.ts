/** Public surface of the multi-stage learners (Hou, MobiHoc 2024: epsilon-EXP3 and baselines). */
export { JobTree, TreeValidationError, completeTreeSpec, type TreeSpec } from './JobTree.js';
export { emptyPick, type StageLearner, type StagePick } from './StageLearner.js';
export { epsExp3Parameters, type StageParameters, type EpsExp3Tuning } from './epsExp3Parameters.js';
export { EpsExp3Stage, type EpsExp3StageOptions, type EpsExp3Estimator, type EpsExp3EtaRule } from './EpsExp3Stage.js';
export { Exp3Stage, exp3Eta, type Exp3StageOptions } from './Exp3Stage.js';
export { Exp3AuerStage, exp3AuerGamma, type Exp3AuerStageOptions } from './Exp3AuerStage.js';
export { BroadOmdStage, broadOmdEta, type BroadOmdStageOptions } from './BroadOmdStage.js';
export { NormalizedEg } from './NormalizedEg.js';
export { JobRoute, routeJob, learnRoute } from './routeJob.js';
export { createStage, createStages, STAGE_ALGORITHMS, type StageAlgorithm } from './createStages.js';
export { softmaxOfCosts } from './logSoftmax.js';
