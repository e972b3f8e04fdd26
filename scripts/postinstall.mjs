// npm postinstall: keeps colcon out of node_modules, and says in one line when the optional
// ROS 2 binding (rclnodejs) was skipped, which npm otherwise does without a word.
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import process from 'node:process';

if (existsSync('node_modules')) {
  writeFileSync('node_modules/COLCON_IGNORE', 'colcon: no ROS packages in here (fleet_bandits is under ros/)\n');
}

try {
  createRequire(import.meta.url).resolve('rclnodejs/package.json');
} catch {
  process.stderr.write(
    'fleet-bandits: rclnodejs (optional) is not installed, so sim, run, replay and view --replay work but ROS 2 does not; ' +
      'to add it, source ROS 2 (Humble/Jazzy) and run `npm install rclnodejs@2.2.0`\n',
  );
}
