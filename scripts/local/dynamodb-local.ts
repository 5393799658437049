/**
 * Runs the real DynamoDB Local engine (a Java program) for the local runtime and the tests,
 * with no Docker and nothing downloaded from anywhere but the npm registry.
 *
 * The engine ships inside the npm package `amplify-dynamodb-simulator` (folder `emulator/`).
 * Installing that package pulls ~350 MB of unrelated dependencies, so we fetch only its
 * tarball with `npm pack`, check its sha256 and extract `package/emulator` into
 * `node_modules/.cache/dynamodb-local/<version>/`.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, constants, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

export const DYNAMODB_LOCAL_VERSION = '1.25.1';
const SIMULATOR_PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
/** sha256 of the npm tarball of SIMULATOR_PACKAGE (its registry integrity is sha512-xTeeRLvz…SewQ==). */
const SIMULATOR_TARBALL_SHA256 = '3503ffac19f183407909fecdacf4db51ab1fdad1da7b2f177016670b2d80e4b9';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'dynamodb-local', DYNAMODB_LOCAL_VERSION);

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const JAVA_HINT = 'DynamoDB Local needs Java 17+ (apt-get install openjdk-17-jre-headless)';

export type LocalRuntimeErrorCode =
  | 'JAVA_NOT_FOUND'
  | 'JAVA_TOO_OLD'
  | 'PORT_IN_USE'
  | 'FETCH_FAILED'
  | 'CHECKSUM_MISMATCH'
  | 'START_FAILED'
  | 'START_TIMEOUT';

/** A failure of the local runtime whose message is one line a person can act on. */
export class LocalRuntimeError extends Error {
  override readonly name = 'LocalRuntimeError';
  readonly code: LocalRuntimeErrorCode;

  constructor(code: LocalRuntimeErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

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

let ensuring: Promise<string> | undefined;

/** Returns a directory holding `DynamoDBLocal.jar` and `DynamoDBLocal_lib/`, fetching them once. */
export function ensureDynamoDbLocal(): Promise<string> {
  ensuring ??= fetchDynamoDbLocal().catch((error: unknown) => {
    ensuring = undefined;
    throw error;
  });
  return ensuring;
}

async function fetchDynamoDbLocal(): Promise<string> {
  if (await isComplete(CACHE_DIR)) return CACHE_DIR;
  const parent = dirname(CACHE_DIR);
  await mkdir(parent, { recursive: true });
  // Work next to the final directory so the last step is an atomic rename on one file system;
  // another process doing the same at once gets its own work directory.
  const work = await mkdtemp(join(parent, `.tmp-${DYNAMODB_LOCAL_VERSION}-`));
  try {
    const tarball = await packTarball(work);
    const actual = await sha256(tarball);
    if (actual !== SIMULATOR_TARBALL_SHA256) {
      throw new LocalRuntimeError(
        'CHECKSUM_MISMATCH',
        `The tarball of ${SIMULATOR_PACKAGE} has sha256 ${actual}, expected ${SIMULATOR_TARBALL_SHA256}`,
      );
    }
    const extractRoot = join(work, 'extract');
    await mkdir(extractRoot);
    await run(
      'tar',
      ['-xzf', tarball, '--no-same-owner', '-C', extractRoot, 'package/emulator'],
      'FETCH_FAILED',
    );
    const extracted = join(extractRoot, 'package', 'emulator');
    if (!(await isComplete(extracted))) {
      throw new LocalRuntimeError(
        'FETCH_FAILED',
        `${SIMULATOR_PACKAGE} has no emulator/DynamoDBLocal.jar or emulator/DynamoDBLocal_lib`,
      );
    }
    await installDirectory(extracted, join(work, 'stale'));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return CACHE_DIR;
}

async function installDirectory(extracted: string, staleTarget: string): Promise<void> {
  if ((await exists(CACHE_DIR)) && !(await isComplete(CACHE_DIR))) {
    // A damaged cache (someone deleted files in it): move it out of the way, it goes with `work`.
    await rename(CACHE_DIR, staleTarget).catch(() => undefined);
  }
  try {
    await rename(extracted, CACHE_DIR);
  } catch (error) {
    // Another process finished first: use its copy.
    if (isErrno(error, 'ENOTEMPTY', 'EEXIST') && (await isComplete(CACHE_DIR))) return;
    throw error;
  }
}

async function packTarball(destination: string): Promise<string> {
  await run(
    'npm',
    ['pack', SIMULATOR_PACKAGE, '--pack-destination', destination, '--json', '--ignore-scripts'],
    'FETCH_FAILED',
  );
  const tarball = (await readdir(destination)).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new LocalRuntimeError('FETCH_FAILED', `npm pack ${SIMULATOR_PACKAGE} wrote no tarball`);
  return join(destination, tarball);
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

function run(command: string, args: string[], code: LocalRuntimeErrorCode): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    execFile(command, args, { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) return resolvePromise();
      const detail = isErrno(error, 'ENOENT') ? 'command not found' : lastLine(stderr) || error.message;
      reject(new LocalRuntimeError(code, `${command} ${args[0]} failed: ${detail}`, { cause: error }));
    });
  });
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

async function waitUntilReady(
  port: number,
  output: OutputTail,
  javaExited: Promise<void>,
  shExited: Promise<number | null>,
  child: ChildProcess,
): Promise<void> {
  let exited = false;
  void javaExited.then(() => {
    exited = true;
  });
  const client = new DynamoDBClient({
    endpoint: endpointFor(port),
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  try {
    for (;;) {
      if (/BindException|Address already in use|Failed to bind/i.test(output.text())) {
        throw new LocalRuntimeError('PORT_IN_USE', `Port ${port} is already in use`);
      }
      if (exited) {
        child.stdin?.end();
        throw exitError(await shExited, output);
      }
      if (Date.now() > deadline) {
        throw new LocalRuntimeError(
          'START_TIMEOUT',
          `DynamoDB Local did not answer on port ${port} within ${START_TIMEOUT_MS / 1000} s${suffix(output)}`,
        );
      }
      if ((await accepts(port)) && (await answers(client))) return;
      await delay(50);
    }
  } finally {
    client.destroy();
  }
}

function exitError(code: number | null, output: OutputTail): LocalRuntimeError {
  const text = output.text();
  if (code === 127) {
    return new LocalRuntimeError('JAVA_NOT_FOUND', `Java was not found on PATH: ${JAVA_HINT}`);
  }
  if (/UnsupportedClassVersionError/.test(text)) {
    return new LocalRuntimeError('JAVA_TOO_OLD', `The Java on PATH is too old: ${JAVA_HINT}`);
  }
  return new LocalRuntimeError(
    'START_FAILED',
    `DynamoDB Local exited before it was ready (exit code ${code ?? 'unknown'})${suffix(output)}`,
  );
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    const done = (ok: boolean) => {
      socket.destroy();
      resolvePromise(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

async function answers(client: DynamoDBClient): Promise<boolean> {
  try {
    // Bounded even if something else that never answers holds the port.
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2_500) });
    return true;
  } catch {
    return false;
  }
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

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', (error) => {
      if (isErrno(error, 'EADDRINUSE')) {
        reject(new LocalRuntimeError('PORT_IN_USE', `Port ${port} is already in use`));
      } else {
        reject(new LocalRuntimeError('PORT_IN_USE', `Port ${port} cannot be used: ${error.message}`));
      }
    });
    server.listen({ port, exclusive: true }, () => server.close(() => resolvePromise()));
  });
}

function findFreePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

function streamClosed(stream: Readable | null): Promise<void> {
  return new Promise((resolvePromise) => {
    if (!stream || stream.closed) resolvePromise();
    else stream.once('close', () => resolvePromise());
  });
}

/** Keeps the last few KB of Java's output for error messages. */
class OutputTail {
  private buffer = '';

  add(chunk: Buffer): void {
    this.buffer = (this.buffer + chunk.toString('utf8')).slice(-16_384);
  }

  text(): string {
    return this.buffer;
  }
}

function suffix(output: OutputTail): string {
  const line = lastLine(output.text());
  return line ? `: ${line}` : '';
}

function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at ') && !line.startsWith('...') && !/^npm warn/i.test(line));
  const errorLine = lines.findLast((line) => /error|exception/i.test(line));
  return (errorLine ?? lines.at(-1) ?? '').slice(0, 300);
}

function endpointFor(port: number): string {
  return `http://127.0.0.1:${port}`;
}

async function isComplete(dir: string): Promise<boolean> {
  return (await exists(join(dir, 'DynamoDBLocal.jar'))) && (await exists(join(dir, 'DynamoDBLocal_lib')));
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function isErrno(error: unknown, ...codes: string[]): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    codes.includes(error.code)
  );
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
}
