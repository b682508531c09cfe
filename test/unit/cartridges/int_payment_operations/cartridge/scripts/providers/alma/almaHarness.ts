/**
 * Alma's service (paymentoperations.alma) on the LocalServiceRegistry mock, answering each HTTP
 * method from its own queue, and recording what was sent (method and path) and whether a
 * transaction was open at the time. A queued answer may be a function of the call (e.g. to echo
 * the merchant reference the cartridge generated).
 */
import { LocalServiceRegistry, Transaction, type ServiceMockAnswer } from '../../../../../../../helpers/dwMocks';

export const ALMA_URL = 'https://api.sandbox.getalma.eu';
export const ALMA_KEY = 'sk_test_almaSecret';
export const PAYMENT = 'payment_11uPRjP4bjr1NDvBd9WgnRXVh7Kb4lhIJ5';

export interface AlmaCall {
  method: string;
  path: string;
  body: unknown;
  transactionDepth: number;
}

export type AlmaAnswer = ServiceMockAnswer | ((call: AlmaCall) => ServiceMockAnswer);

export interface AlmaQueues {
  GET?: AlmaAnswer[];
  POST?: AlmaAnswer[];
  PUT?: AlmaAnswer[];
}

export function json(body: unknown, statusCode = 200): ServiceMockAnswer {
  return { statusCode, text: JSON.stringify(body) };
}

/** Configures Alma's service to answer from the queues; returns the list the calls go to. */
export function almaAnswers(queues: AlmaQueues, onCall?: (call: AlmaCall) => void): AlmaCall[] {
  const calls: AlmaCall[] = [];
  const pending: { [method: string]: AlmaAnswer[] } = {
    GET: (queues.GET || []).slice(),
    POST: (queues.POST || []).slice(),
    PUT: (queues.PUT || []).slice(),
  };
  LocalServiceRegistry.__configure('paymentoperations.alma', {
    credential: { ID: 'alma.credentials', URL: ALMA_URL, user: '', password: ALMA_KEY },
    profile: { ID: 'alma.profile', timeoutMillis: 20000 },
    respond: (request) => {
      const call: AlmaCall = {
        method: request.method,
        path: request.url.substring(ALMA_URL.length),
        body: request.body === null ? null : JSON.parse(request.body),
        transactionDepth: Transaction.__depth(),
      };
      calls.push(call);
      if (onCall) onCall(call);
      const answer = (pending[request.method] || []).shift();
      if (!answer) throw new Error('Alma mock: no answer queued for ' + request.method + ' ' + call.path);
      return typeof answer === 'function' ? answer(call) : answer;
    },
  });
  return calls;
}
