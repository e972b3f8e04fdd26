/**
 * The public surface of fleet-bandits as a library: algorithms (pure, seeded), environment
 * models, the experiment runner, the node runtime and node programs, messages and recording.
 * Node programs import rclnodejs only through `createRclnodejsTransport` (lazy).
 */
export { Rng, type Seed } from './core/random.js';
export type { Learner } from './core/Learner.js';
export { IndexPolicy } from './core/bandit/IndexPolicy.js';
export { Ucb1, type Ucb1Options } from './core/bandit/Ucb1.js';
export { SuccessiveElimination, type SuccessiveEliminationOptions } from './core/bandit/SuccessiveElimination.js';
export { Exp3, type Exp3Options } from './core/bandit/Exp3.js';
export { UniformRandom } from './core/bandit/UniformRandom.js';
export * from './core/erasure/index.js';
export * from './core/graph/index.js';

export { RewardModel, type RewardDistribution, type RewardModelOptions } from './envs/arms/RewardModel.js';
export * from './envs/channels/index.js';
export { ErasureEnvironment, type ErasureEnvironmentOptions } from './envs/erasure/ErasureEnvironment.js';
export * from './envs/sites/index.js';

export type { FamilyDefinition, FamilyExperiment, ScenarioBase } from './experiments/Family.js';
export { families } from './experiments/families.js';
export { loadScenario, parseScenarioText, validateScenario, type LoadedScenario } from './experiments/scenario/loadScenario.js';
export { ScenarioError, formatIssue, type ScenarioIssue } from './experiments/scenario/ScenarioError.js';
export { UserInputError } from './experiments/UserInputError.js';
export { runExperiment, runExperimentWithCurves, withOverrides, type ExperimentResult, type RunExperimentOptions } from './experiments/runExperiment.js';
export { runRng } from './experiments/runTask.js';
export { summarizeAlgorithm, quantile, type AlgorithmSummary, type CurvePoint, type ExperimentSummary, type FinalRegret, type RunCurves } from './experiments/summary.js';
export { makeGrid } from './experiments/grid.js';
export { renderRegretSvg, regretPlotSpec, regretPlotOf, type RegretPlot, type RegretSeries, type PlotOptions } from './experiments/plot.js';
export { algorithmStyle, assignStyles, type LineStyle } from './experiments/algorithmStyles.js';
export { svgToPng, svgToPdf, PLOT_FORMATS, type PlotFormat } from './experiments/plotFiles.js';
export { collectProvenance, scenarioHash, type Provenance } from './experiments/provenance.js';
export { writeOutputs, writePlots, regretCsv, runsCsv, type OutputOptions, type SavedSummary } from './experiments/writeOutputs.js';
export { banditScenarioSchema, type BanditScenario } from './experiments/bandit/schema.js';
export { erasureScenarioSchema, type ErasureScenario } from './experiments/erasure/schema.js';
export { erasureExperiment, buildErasureRun } from './experiments/erasure/erasureExperiment.js';
export * from './experiments/coverage/index.js';

export type { Transport } from './runtime/Transport.js';
export type { NodeHandle, NodeOptions, Publisher, ServiceClient, ServiceHandler, ServiceServer, Subscription, Timer } from './runtime/NodeHandle.js';
export { ServiceCallError } from './runtime/ServiceCallError.js';
export type { ServiceCallFailure } from './runtime/ServiceCallError.js';
export * from './runtime/Qos.js';
export { parseRosArgs, parameterProblem, type ParameterDescriptor, type ParameterType, type ParameterValue } from './runtime/Parameters.js';
export type { Logger, LogLevel, LogRecord, LogSink } from './runtime/Logger.js';
export { MemoryTransport, type MemoryTransportOptions, type MessageCodec } from './runtime/memory/MemoryTransport.js';
export { cdrCodec } from './runtime/memory/cdrCodec.js';

export type { NodeProgram, NodeInstance } from './nodes/NodeProgram.js';
export { EXECUTABLES, loadProgram, loadPrograms, type ProgramTable } from './nodes/executables.js';
export { planNodes, type NodePlan, type NodeSpec, type PlanOptions } from './nodes/plan.js';
export { startEmbedded, type EmbeddedRun, type EmbeddedRunOptions, type EmbeddedResult } from './nodes/EmbeddedLaunch.js';

export * as msg from './msg/index.js';
export * as record from './record/index.js';
