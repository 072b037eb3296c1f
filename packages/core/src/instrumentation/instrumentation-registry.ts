import { ValidationError } from '../errors/validation-error.js';
import type { MqErrorCode } from '../errors/error-codes.js';
import { describeValue } from '../message/validate.js';
import type { CallOutcome, EnqueueInfo, Instrumentation, ProviderCallInfo } from './instrumentation.js';

const HOOKS = ['onProviderCall', 'onEnqueue', 'aroundHandler'] as const;
const HOOK_LIKE = /^(on|around)[A-Z]/;

/** The outcome callbacks hooks returned for one call (undefined when none did). */
export type OutcomeCallbacks = ((outcome: CallOutcome) => void)[] | undefined;

/**
 * A queue's registered instrumentations, sorted by hook. Each list is undefined while no
 * registered instrumentation has that hook: the one check the hot paths make. Lists are replaced,
 * never changed, so a call in progress keeps the list it started with. A hook that throws is
 * reported (the queue's 'error' event) and never fails the queue's own work.
 */
export class InstrumentationRegistry {
  providerCalls: readonly Instrumentation[] | undefined;
  enqueues: readonly Instrumentation[] | undefined;
  handlerRuns: readonly Instrumentation[] | undefined;
  private entries: readonly { readonly instrumentation: Instrumentation }[] = [];

  constructor(readonly report: (error: unknown) => void) {}

  /** Registers an instrumentation (checked: MQ_INVALID_ARGUMENT, or `code`); returns its unregister. */
  add(instrumentation: unknown, code: MqErrorCode = 'MQ_INVALID_ARGUMENT', field = 'instrumentation'): () => void {
    const entry = { instrumentation: checkInstrumentation(instrumentation, code, field) };
    this.set([...this.entries, entry]);
    return () => this.set(this.entries.filter((e) => e !== entry));
  }

  /** Calls every onProviderCall hook; returns their outcome callbacks. */
  startCall(info: ProviderCallInfo): OutcomeCallbacks {
    let callbacks: OutcomeCallbacks;
    for (const instrumentation of this.providerCalls ?? []) {
      try {
        const done = instrumentation.onProviderCall?.(info);
        if (typeof done === 'function') (callbacks ??= []).push(done);
      } catch (error) {
        this.report(error);
      }
    }
    return callbacks;
  }

  /** Calls every onEnqueue hook; returns their outcome callbacks. */
  startEnqueue(info: EnqueueInfo): OutcomeCallbacks {
    let callbacks: OutcomeCallbacks;
    for (const instrumentation of this.enqueues ?? []) {
      try {
        const done = instrumentation.onEnqueue?.(info);
        if (typeof done === 'function') (callbacks ??= []).push(done);
      } catch (error) {
        this.report(error);
      }
    }
    return callbacks;
  }

  finish(callbacks: OutcomeCallbacks, outcome: CallOutcome): void {
    if (callbacks === undefined) return;
    for (const done of callbacks) {
      try {
        done(outcome);
      } catch (error) {
        this.report(error);
      }
    }
  }

  private set(entries: readonly { readonly instrumentation: Instrumentation }[]): void {
    this.entries = entries;
    const having = (hook: (typeof HOOKS)[number]): readonly Instrumentation[] | undefined => {
      const list = entries.map((e) => e.instrumentation).filter((i) => i[hook] !== undefined);
      return list.length === 0 ? undefined : list;
    };
    this.providerCalls = having('onProviderCall');
    this.enqueues = having('onEnqueue');
    this.handlerRuns = having('aroundHandler');
  }
}

function checkInstrumentation(value: unknown, code: MqErrorCode, field: string): Instrumentation {
  const allowed = `an object with one or more of ${HOOKS.join(', ')} (functions)`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(code, `Invalid ${field} ${describeValue(value)}: use ${allowed}.`, { field });
  }
  let hooks = 0;
  // Hooks may be own properties or methods of a class (its prototype).
  for (const key of HOOKS) {
    const hook = (value as Record<string, unknown>)[key];
    if (hook === undefined) continue;
    if (typeof hook !== 'function') throw new ValidationError(code, `Invalid ${field}.${key} ${describeValue(hook)}: it must be a function.`, { field: `${field}.${key}` });
    hooks++;
  }
  // Other fields (a tracer, a registry) are the instrumentation's own business; a name that looks
  // like a hook but is none (onProviderCalls, aroundHandlers) is a typo that would silently do nothing.
  for (const key of Object.keys(value)) {
    if (HOOK_LIKE.test(key) && !(HOOKS as readonly string[]).includes(key)) {
      throw new ValidationError(code, `Unknown ${field} hook "${key}": use ${HOOKS.join(', ')}.`, { field: `${field}.${key}` });
    }
  }
  if (hooks === 0) throw new ValidationError(code, `Invalid ${field}: it has no hook; use ${allowed}.`, { field });
  return value as Instrumentation;
}
