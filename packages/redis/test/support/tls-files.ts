import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A self-signed certificate for 127.0.0.1 (made with the openssl CLI), for a TLS redis-server. */
export interface TlsFiles {
  readonly dir: string;
  readonly certFile: string;
  readonly keyFile: string;
  /** The certificate's PEM: pass it as `tls: { ca }` to trust the server. */
  readonly ca: string;
  remove(): void;
}

export function createTlsFiles(): TlsFiles {
  const dir = mkdtempSync(join(tmpdir(), 'mq-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile],
    { encoding: 'utf8', timeout: 30_000 },
  );
  if (made.status !== 0) throw new Error(`openssl could not make a test certificate:\n${made.stderr}`);
  return { dir, certFile, keyFile, ca: readFileSync(certFile, 'utf8'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** redis-server arguments that serve TLS only, on `port`. */
export function tlsServerArgs(files: TlsFiles, port: number): string[] {
  return ['--port', '0', '--tls-port', String(port), '--tls-cert-file', files.certFile, '--tls-key-file', files.keyFile, '--tls-ca-cert-file', files.certFile, '--tls-auth-clients', 'no'];
}
