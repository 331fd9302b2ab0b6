// Node.js `net` echo server of the network benchmarks (benchmarks/run.sh, scenario net).
// Run as `node --expose-gc benchmarks/node/echo_server.js`: listens on 127.0.0.1, port chosen by
// the system, prints "PORT <n>", then obeys NetBench's commands on stdin (see ServerControl.java):
// conns, heap (V8 heap used after gc(), and connections), alloc (-1: not counted), quit.
'use strict';
const net = require('net');
const readline = require('readline');

let connections = 0;
const server = net.createServer({ noDelay: true }, (socket) => {
  connections++;
  socket.on('data', (data) => socket.write(data));
  socket.on('error', () => {}); // a client that resets
  socket.on('close', () => { connections--; });
});
server.listen({ host: '127.0.0.1', port: 0, backlog: 1024 }, () => {
  console.log('PORT ' + server.address().port);
});

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  switch (line.trim()) {
    case 'conns':
      console.log('CONNS ' + connections);
      break;
    case 'heap':
      if (global.gc) { global.gc(); global.gc(); }
      console.log('HEAP ' + (global.gc ? process.memoryUsage().heapUsed : -1) + ' ' + connections);
      break;
    case 'alloc':
      console.log('ALLOC -1');
      break;
    case 'quit':
      process.exit(0);
      break;
    default:
      console.log('ERROR unknown command ' + line);
  }
}).on('close', () => process.exit(0));
