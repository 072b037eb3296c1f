// A second process for the lock test: takes the folder's lock as a provider would (through the
// provider itself when run from source), says so, and holds it until killed.
const { createInMemoryProvider } = await import('@mq/memory');
const provider = createInMemoryProvider({ persistence: { dir: process.argv[2] } });
await provider.doConnect();
process.stdout.write('locked\n');
setInterval(() => undefined, 1000);
