/**
 * The engine ships inside the npm package `amplify-dynamodb-simulator` (folder `emulator/`).
 * Installing that package pulls ~350 MB of unrelated dependencies, so we fetch only its
 * tarball with `npm pack`, check its sha256 and extract `package/emulator` into
 * `node_modules/.cache/dynamodb-local/<version>/`.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { isErrno, LocalRuntimeError, type LocalRuntimeErrorCode, lastLine } from './dynamodb-local-errors.ts';

const DYNAMODB_LOCAL_VERSION = '1.25.1';
const SIMULATOR_PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
/** sha256 of the npm tarball of SIMULATOR_PACKAGE (its registry integrity is sha512-xTeeRLvz…SewQ==). */
const SIMULATOR_TARBALL_SHA256 = '3503ffac19f183407909fecdacf4db51ab1fdad1da7b2f177016670b2d80e4b9';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'dynamodb-local', DYNAMODB_LOCAL_VERSION);

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
