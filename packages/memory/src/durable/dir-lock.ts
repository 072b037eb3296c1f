import * as fs from 'node:fs';
import * as path from 'node:path';
import { MqError } from '@mq/core/provider';

/** Folders locked by providers of this process (a second provider in the same process is refused too). */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The lock of a persistence folder: a file `LOCK` holding the pid of its owner, created
 * exclusively. A lock whose pid is not running (a process that crashed) is taken over.
 */
export class DirLock {
  private readonly file: string;
  private readonly key: string;
  private held = false;

  constructor(dir: string) {
    this.file = path.join(dir, 'LOCK');
    this.key = path.resolve(dir);
  }

  acquire(): void {
    if (heldHere.has(this.key)) this.refuse(process.pid);
    for (let tries = 0; ; tries++) {
      try {
        const fd = fs.openSync(this.file, 'wx');
        fs.writeSync(fd, String(process.pid));
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || tries > 3) throw error;
        const pid = readPid(this.file);
        if (pid !== undefined && pid !== process.pid && alive(pid)) this.refuse(pid);
        // Stale (its process is gone), or half written by a process that died creating it.
        fs.rmSync(this.file, { force: true });
      }
    }
    heldHere.add(this.key);
    this.held = true;
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    heldHere.delete(this.key);
    if (readPid(this.file) === process.pid) fs.rmSync(this.file, { force: true });
  }

  private refuse(pid: number): never {
    throw new MqError('MQ_STORE_LOCKED', `The persistence folder ${this.key} is in use by process ${pid}: one provider owns a folder at a time. Stop that process, or give this one another folder.`, {
      details: { dir: this.key, pid },
    });
  }
}
