/** Public surface of the erasure-channel learners (Hanna et al., AISTATS 2024: BatchSP2 and baselines). */
export type { ErasureLearner, ErasureLearnerSummary } from './ErasureLearner.js';
export { BatchElimination, CONFIDENCE_SCALE, type BatchEliminationOptions } from './BatchElimination.js';
export { BatchSp2, type BatchSp2Options } from './BatchSp2.js';
export { BatchSp2Anytime, type BatchSp2AnytimeOptions } from './BatchSp2Anytime.js';
export { MaUcb, type MaUcbOptions } from './MaUcb.js';
export { MaSae, type MaSaeOptions } from './MaSae.js';
export { MaLsaeHorizontal, type MaLsaeHorizontalOptions } from './MaLsaeHorizontal.js';
export { MaLsaeVertical, type MaLsaeVerticalOptions } from './MaLsaeVertical.js';
export { BlockSchedule } from './BlockSchedule.js';
export { scheduleBatchSp2, type BatchSp2Plan } from './scheduleBatchSp2.js';
export { scheduleEvenSplit } from './scheduleEvenSplit.js';
export { repetitions, repetitionsFor } from './repetitions.js';
export { firstBatchSize } from './firstBatchSize.js';
export { KeepLastAgent, type KeepLastAgentOptions } from './KeepLastAgent.js';
export { RoundSequence } from './RoundSequence.js';
