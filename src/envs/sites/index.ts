/** Public surface of the site environment: sample model, robot motion on graphs, lossy waypoint links. */
export { SiteSampler } from './SiteSampler.js';
export type { SiteNoise } from './SiteSampler.js';
export { drawSiteMeans } from './drawSiteMeans.js';
export { GraphRobotMotion } from './GraphRobotMotion.js';
export type { GraphRobotMotionOptions } from './GraphRobotMotion.js';
export { WaypointErasureLink } from './WaypointErasureLink.js';
