import { type ChildProcess, spawn } from 'node:child_process';
import { access, constants, mkdir, stat } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { ensureDynamoDbLocal } from './dynamodb-local-download.ts';
import { JAVA_HINT, LocalRuntimeError } from './dynamodb-local-errors.ts';
import { assertPortFree, endpointFor, findFreePort } from './dynamodb-local-ports.ts';
import { OutputTail, waitUntilReady } from './dynamodb-local-readiness.ts';

const STOP_TIMEOUT_MS = 10_000;

export interface DynamoDbLocalOptions {
  /** Directory for the database file (created if missing); undefined runs `-inMemory`. */
  dbPath?: string;
  /** Port to listen on; undefined picks a free one. */
  port?: number;
}

export interface DynamoDbLocal {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  port: number;
  /** PID of the Java process (not of the `sh` that supervises it). */
  pid: number;
  /** Ends Java; resolves once it has exited (~1 s). Safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local and resolves once it answers `ListTables`.
 * Java is supervised by `sh`, which kills it when Node's end of its stdin pipe closes,
 * so Java never outlives this process, even when this process is killed with SIGKILL.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const java = await findJava();
  const dir = await ensureDynamoDbLocal();
  const dbPath = options.dbPath === undefined ? undefined : resolve(options.dbPath);
  if (dbPath !== undefined) await mkdir(dbPath, { recursive: true });
  if (options.port !== undefined) {
    await assertPortFree(options.port);
    return launch(java, dir, options.port, dbPath);
  }
  // A port found free can be taken by someone else before Java binds it: try another one.
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    try {
      return await launch(java, dir, port, dbPath);
    } catch (error) {
      if (attempt < 3 && error instanceof LocalRuntimeError && error.code === 'PORT_IN_USE') continue;
      throw error;
    }
  }
}

/*
 * $1.. is the java command line. Java gets /dev/null as stdin, and sh keeps no copy of the
 * stdout/stderr pipes, so those pipes close exactly when Java exits. sh reports Java's PID on
 * fd 3, then blocks in `cat` until Node's end of stdin closes (stop(), or Node died), then
 * ends Java with SIGTERM and waits for it. Java is not reaped before `wait`, so `kill $j`
 * can never hit a recycled PID. The trap keeps a signal to sh from orphaning Java.
 */
const SUPERVISOR = [
  '"$@" </dev/null 3>&- &',
  'j=$!',
  'echo "$j" >&3',
  'exec 3>&- >/dev/null 2>&1',
  `trap 'kill "$j"' HUP INT TERM`,
  'cat >/dev/null',
  'kill "$j"',
  'wait "$j"',
].join('\n');

async function launch(
  java: string,
  dir: string,
  port: number,
  dbPath: string | undefined,
): Promise<DynamoDbLocal> {
  const args = [
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
    ...(dbPath === undefined ? ['-inMemory'] : ['-dbPath', dbPath]),
  ];
  const child = spawn('sh', ['-c', SUPERVISOR, 'dynamodb-local', java, ...args], {
    cwd: dir,
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
  });
  const output = new OutputTail();
  child.stdout?.on('data', (chunk: Buffer) => output.add(chunk));
  child.stderr?.on('data', (chunk: Buffer) => output.add(chunk));
  child.stdin?.on('error', () => undefined); // EPIPE when sh is already gone
  const spawned = new Promise<void>((resolvePromise, reject) => {
    child.once('spawn', resolvePromise);
    child.once('error', (error) => reject(new LocalRuntimeError('START_FAILED', `sh: ${error.message}`)));
  });
  const shExited = new Promise<number | null>((resolvePromise) => child.once('exit', resolvePromise));
  const javaExited = Promise.all([streamClosed(child.stdout), streamClosed(child.stderr)]).then(
    () => undefined,
  );

  let stopping: Promise<void> | undefined;
  let javaPid = 0;
  const stop = (): Promise<void> => {
    stopping ??= stopSupervisor(child, shExited, () => javaPid);
    return stopping;
  };

  try {
    await spawned;
    javaPid = await readPid(child.stdio[3] as Readable);
    await waitUntilReady(port, output, javaExited, shExited, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint: endpointFor(port), port, pid: javaPid, stop };
}

async function stopSupervisor(
  child: ChildProcess,
  shExited: Promise<number | null>,
  javaPid: () => number,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.stdin?.end();
  const timer = setTimeout(() => {
    // Java ignored SIGTERM for too long.
    const pid = javaPid();
    if (pid > 0) killQuietly(pid, 'SIGKILL');
    child.kill('SIGKILL');
  }, STOP_TIMEOUT_MS);
  await shExited;
  clearTimeout(timer);
}

function readPid(stream: Readable): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      text += chunk;
    });
    stream.once('close', () => {
      const pid = Number.parseInt(text.trim(), 10);
      if (Number.isInteger(pid) && pid > 0) resolvePromise(pid);
      else reject(new LocalRuntimeError('START_FAILED', 'DynamoDB Local: could not read the PID of Java'));
    });
  });
}

async function findJava(): Promise<string> {
  for (const entry of (process.env.PATH ?? '').split(delimiter)) {
    if (!entry) continue;
    const candidate = join(entry, 'java');
    try {
      await access(candidate, constants.X_OK);
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  throw new LocalRuntimeError('JAVA_NOT_FOUND', `Java was not found on PATH: ${JAVA_HINT}`);
}

function streamClosed(stream: Readable | null): Promise<void> {
  return new Promise((resolvePromise) => {
    if (!stream || stream.closed) resolvePromise();
    else stream.once('close', () => resolvePromise());
  });
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
