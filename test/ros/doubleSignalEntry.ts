// A ROS 2 recorder process on the fake rclnodejs (bundled and spawned by doubleSignal.test.ts): it
// records `count` messages, then, when the first SIGINT stops it, sends itself more signals while it
// shuts down, as a terminal's Ctrl-C plus the SIGINT and SIGTERM ros2 launch forwards would.
import { runNode } from '../../src/ros/runNode.js';
import { createFakeRclnodejs } from '../fakes/fakeRclnodejs.js';

// Arguments come in the environment: the bundle also holds runNode.ts's own main-module check.
const output = process.env.FB_BAG ?? '';
const count = process.env.FB_COUNT ?? '0';
const fake = createFakeRclnodejs();
// The fake's time is virtual and holds no handles; real rclnodejs keeps the process alive.
const alive = setInterval(() => {}, 1000);
const code = await runNode(['recorder', '--ros-args', '-r', '__ns:=/fleet1', '-p', `output:=${output}`, '-p', 'topics:=[chatter:std_msgs/msg/String]'], {
  rclnodejs: fake,
  handleSignals: true,
  onStarted: (transport) => {
    const talker = fake.createNode('talker', '/fleet1');
    talker.spin();
    const pub = talker.createPublisher('std_msgs/msg/String', 'chatter');
    for (let i = 0; i < Number(count); i++) pub.publish({ data: `message ${i} `.repeat(20) });
    fake.advance(1_000_000_000n);
    // Middleware teardown takes a while on a real graph (DDS, many endpoints): stand in for it, so
    // the repeated signals below surely arrive while the process is still shutting down.
    const teardown = transport.shutdown.bind(transport);
    transport.shutdown = async () => {
      await new Promise((r) => setTimeout(r, 400));
      await teardown();
    };
    void transport.stopped.then(() => {
      process.kill(process.pid, 'SIGINT');
      setTimeout(() => process.kill(process.pid, 'SIGTERM'), 100);
      setTimeout(() => process.kill(process.pid, 'SIGTERM'), 200);
      setTimeout(() => process.kill(process.pid, 'SIGINT'), 300);
    });
    process.stdout.write('READY\n');
  },
});
for (const l of fake.logs) process.stdout.write(`LOG ${l.message}\n`);
process.stdout.write(`EXIT ${code}\n`);
clearInterval(alive);
process.exit(code);
