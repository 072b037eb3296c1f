/** One POST /enqueue/fault with a probe id; resolves with the status (or "error"). */
export async function postProbe(baseUrl: string, id: string, timeoutMs: number): Promise<string> {
  try {
    const response = await fetch(`${baseUrl}/enqueue/fault`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, seq: -1 }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return String(response.status);
  } catch {
    return 'error';
  }
}
