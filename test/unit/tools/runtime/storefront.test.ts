/**
 * The local runtime's storefront host: a controller of a cartridge on the site's cartridge path
 * answers `POST <baseUrl>/on/demandware.store/Sites-<site>-Site/<locale>/<Controller>-<Action>`
 * over real HTTP, as on the platform. Sources of each behaviour are in
 * tools/runtime/storefront/storefrontHost.ts, dw/system/Request.ts, dw/system/Response.ts and
 * dw/web/HttpParameter.ts (Script API reference in SalesforceCommerceCloud/b2c-developer-tooling,
 * packages/b2c-tooling-sdk/data/script-api/).
 */
import { expect } from 'chai';
import path from 'node:path';
import type { LocalRuntime } from '../../../../tools/runtime/localRuntime';
import type { StorefrontServer } from '../../../../tools/runtime/storefront/storefrontHost';
import { tmpDir, writeTree } from '../../../helpers/tmp';
import { SandboxServer } from './dw/svc/helpers/sandboxServer';
import { dw, fixtureInstance, fixtureRuntime, order } from './fixtureRuntime';

const IPN_CONTROLLER = `'use strict';
var Transaction = require('dw/system/Transaction');
var OrderMgr = require('dw/order/OrderMgr');
var Site = require('dw/system/Site');
var LocalServiceRegistry = require('dw/svc/LocalServiceRegistry');
var describe = require('*/cartridge/scripts/describeRequest');

function Notify() {
  var params = request.httpParameterMap;
  var order = OrderMgr.getOrder(params.get('orderNo').stringValue);
  Transaction.wrap(function () {
    order.custom.fixtureReason = params.get('reason').stringValue;
  });
  response.setStatus(202);
  response.setContentType('application/json');
  response.getWriter().print(JSON.stringify({ orderNo: order.orderNo, site: Site.getCurrent().getID() }));
}
Notify.public = true;

function Echo() {
  response.setContentType('application/json');
  response.getWriter().print(JSON.stringify(describe()));
}
Echo.public = true;

/** Leaves its transaction open: the platform commits it when the controller returns. */
function LeaveOpen() {
  Transaction.begin();
  OrderMgr.getOrder('A2').custom.fixtureReason = 'left open';
  response.getWriter().print('done');
}
LeaveOpen.public = true;

/** Writes, prints, then throws with a detail the client must never see. */
function Fail() {
  Transaction.begin();
  OrderMgr.getOrder('A2').custom.fixtureReason = 'half written';
  response.getWriter().print('partial output');
  throw new Error('secret detail 4111111111111111');
}
Fail.public = true;

/** Read, then increment: run one at a time, N requests add N. */
function Count() {
  var order = OrderMgr.getOrder('A3');
  var seen = order.custom.fixtureAttempts || 0;
  Transaction.wrap(function () {
    order.custom.fixtureAttempts = seen + 1;
  });
  response.getWriter().print(String(seen + 1));
}
Count.public = true;

function Headers() {
  response.setHttpHeader('X-SF-CC-Outcome', 'accepted');
  response.addHttpHeader('X-Powered-By', 'not allowed');
  response.setHttpHeader(require('dw/system/Response').RETRY_AFTER, '5');
  response.getWriter().print('ok');
  response.setContentType('application/xml');
}
Headers.public = true;

function Away() {
  response.redirect('https://example.com/thanks', 301);
}
Away.public = true;

function Pay() {
  var service = LocalServiceRegistry.createService('fixture.psp', {
    createRequest: function (svc, orderNo) {
      svc.setRequestMethod('POST');
      svc.setURL(svc.getURL() + '/' + orderNo);
      return JSON.stringify({ orderNo: orderNo });
    },
    parseResponse: function (svc, client) {
      return client.text;
    }
  });
  var result = service.call(request.httpParameterMap.orderNo.stringValue);
  response.getWriter().print(result.status + ' ' + result.object);
}
Pay.public = true;

function Locale() {
  var results = [request.setLocale('ja_JP'), request.locale, request.setLocale('en_US'), request.locale];
  response.getWriter().print(JSON.stringify(results));
}
Locale.public = true;

function Hidden() {
  response.getWriter().print('should not run');
}

module.exports = {
  Notify: Notify,
  Echo: Echo,
  LeaveOpen: LeaveOpen,
  Fail: Fail,
  Count: Count,
  Headers: Headers,
  Away: Away,
  Pay: Pay,
  Locale: Locale,
  Hidden: Hidden,
  Constant: 42
};
`;

const DESCRIBE_REQUEST = `'use strict';
var Site = require('dw/system/Site');
module.exports = function () {
  var params = request.httpParameterMap;
  var names = [];
  var iterator = params.getParameterNames().iterator();
  while (iterator.hasNext()) names.push(iterator.next());
  names.sort();
  var parameters = {};
  names.forEach(function (name) {
    var p = params.get(name);
    parameters[name] = { stringValue: p.stringValue, rawValue: p.rawValue, values: p.stringValues.toArray(), empty: p.empty };
  });
  var missing = params.get('missing');
  return {
    site: Site.getCurrent().getID(),
    locale: request.locale,
    method: request.httpMethod,
    queryString: request.httpQueryString,
    url: String(request.httpURL),
    path: request.httpPath,
    remoteAddress: request.httpRemoteAddress,
    parameterCount: params.parameterCount,
    parameters: parameters,
    viaProperty: params.q.stringValue,
    submitted: { q: params.isParameterSubmitted('q'), missing: params.isParameterSubmitted('missing') },
    missing: { stringValue: missing.stringValue, submitted: missing.submitted, empty: missing.empty, text: missing.toString() },
    body: params.requestBodyAsString,
    headerLower: request.httpHeaders.get('x-test-header'),
    headerMixed: request.httpHeaders.get('X-Test-Header'),
    httpBody: typeof request.httpBody,
    getHttpBody: typeof request.getHttpBody
  };
};
`;

/** A cartridge of storefront fixtures in a temporary folder, and two more to check which controller wins. */
function storefrontCartridges(): string {
  const root = tmpDir('payops-storefront-');
  writeTree(root, {
    'app_sf_test/cartridge/controllers/Ipn.js': IPN_CONTROLLER,
    'app_sf_test/cartridge/scripts/describeRequest.js': DESCRIBE_REQUEST,
    'app_sf_test/cartridge/scripts/probe.js': `'use strict';
exports.method = function () { return request.httpMethod; };
exports.parameters = function () { return request.httpParameterMap; };
exports.write = function () { response.getWriter().print('x'); };
`,
    'app_sf_overlay/cartridge/controllers/Shadow.js': `'use strict';
exports.Other = function () {};
exports.Other.public = true;
`,
    'app_sf_base/cartridge/controllers/Shadow.js': `'use strict';
exports.Show = function () { response.getWriter().print('base'); };
exports.Show.public = true;
`,
  });
  return root;
}

interface HttpAnswer {
  status: number;
  contentType: string | null;
  headers: Headers;
  text: string;
}

async function call(url: string, init: RequestInit = {}): Promise<HttpAnswer> {
  const answer = await fetch(url, { redirect: 'manual', ...init });
  return {
    status: answer.status,
    contentType: answer.headers.get('content-type'),
    headers: answer.headers,
    text: await answer.text(),
  };
}

function form(body: string): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body };
}

describe('local runtime: storefront requests', () => {
  const cartridges = storefrontCartridges();
  let sandbox: SandboxServer;
  let runtime: LocalRuntime;
  let storefront: StorefrontServer;

  before(async () => {
    sandbox = await SandboxServer.start({ '/pay/A1': { status: 200, body: 'captured' } });
  });
  after(() => sandbox.stop());

  beforeEach(async () => {
    const instance = fixtureInstance({
      cartridgePath: ['app_sf_test', 'app_sf_overlay', 'app_sf_base', 'app_fixture'],
      services: [{ id: 'fixture.psp', credential: { url: sandbox.url('/pay') }, profile: { timeoutMillis: 2000 } }],
    });
    instance.sites[0] = {
      ...instance.sites[0],
      locales: ['fr_FR', 'en_US'],
      orders: [order('A1'), order('A2'), order('A3')],
    };
    runtime = fixtureRuntime(instance, { cartridges: [cartridges] });
    storefront = await runtime.startStorefront();
  });
  afterEach(() => storefront.close());

  const url = (action: string, site = 'SiteA', locale = 'fr_FR') => storefront.url(site, locale, action);
  const orderCustom = (orderNo: string) => runtime.core.state.sites.get('SiteA')?.orders.get(orderNo)?.custom ?? {};

  it('serves on 127.0.0.1 with an ephemeral port', () => {
    expect(storefront.baseUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url('Ipn-Notify')).to.equal(`${storefront.baseUrl}/on/demandware.store/Sites-SiteA-Site/fr_FR/Ipn-Notify`);
  });

  it('runs the public action of a form POST: status, content type and text as the controller set them, the write persisted', async () => {
    const commits = runtime.core.transactions.commits;
    const answer = await call(url('Ipn-Notify'), form('orderNo=A1&reason=paid+by+IPN'));
    expect(answer).to.include({ status: 202, contentType: 'application/json' });
    expect(JSON.parse(answer.text)).to.deep.equal({ orderNo: 'A1', site: 'SiteA' });
    expect(orderCustom('A1').fixtureReason).to.equal('paid by IPN');
    expect(runtime.core.transactions.commits).to.equal(commits + 1);
  });

  it('decodes the query string and a form body as UTF-8 (+ is a space, %2F a slash), query values first, names repeated', async () => {
    const answer = await call(
      `${url('Ipn-Echo')}?q=a+b&q=c%2Fd&word=%C3%A9t%C3%A9`,
      form('q=from+body&euro=%E2%82%AC&padded=%20+x+%20&blank=+&noValue'),
    );
    const seen = JSON.parse(answer.text) as Record<string, any>;
    expect(seen.method).to.equal('POST');
    expect(seen.queryString).to.equal('q=a+b&q=c%2Fd&word=%C3%A9t%C3%A9');
    expect(seen.parameterCount).to.equal(6);
    expect(seen.parameters.q).to.deep.equal({
      stringValue: 'a b',
      rawValue: 'a b',
      values: ['a b', 'c/d', 'from body'],
      empty: false,
    });
    expect(seen.parameters.word.stringValue).to.equal('été');
    expect(seen.parameters.euro.stringValue).to.equal('€');
    // HttpParameter.md: rawValue is "the not trimmed String value"; stringValue is trimmed.
    expect(seen.parameters.padded).to.include({ stringValue: 'x', rawValue: '  x  ', empty: false });
    expect(seen.parameters.blank).to.include({ stringValue: '', rawValue: ' ', empty: true });
    expect(seen.parameters.noValue).to.include({ stringValue: '', rawValue: '', empty: true });
    expect(seen.viaProperty).to.equal('a b');
    expect(seen.submitted).to.deep.equal({ q: true, missing: false });
    // HttpParameterMap.get: "an empty http parameter, if no parameter is defined for that key".
    expect(seen.missing).to.deep.equal({ stringValue: null, submitted: false, empty: true, text: '' });
  });

  it('gives no body for a form POST (HttpParameterMap.requestBodyAsString), the body of another POST, none for a GET', async () => {
    const formPost = JSON.parse((await call(url('Ipn-Echo'), form('a=1'))).text) as { body: unknown };
    expect(formPost.body).to.equal('');
    const jsonPost = JSON.parse(
      (
        await call(url('Ipn-Echo'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"é":1}',
        })
      ).text,
    ) as { body: unknown; parameterCount: number };
    expect(jsonPost).to.include({ body: '{"é":1}', parameterCount: 0 });
    const get = JSON.parse((await call(`${url('Ipn-Echo')}?q=1`)).text) as { body: unknown; method: string };
    expect(get).to.include({ body: null, method: 'GET' });
  });

  it('has no request.httpBody nor request.getHttpBody (dw.system.Request has neither)', async () => {
    const seen = JSON.parse((await call(url('Ipn-Echo'), form('a=1'))).text) as Record<string, unknown>;
    expect(seen).to.include({ httpBody: 'undefined', getHttpBody: 'undefined' });
  });

  it('keys request.httpHeaders by the lower-cased name, as shipped cartridges read them', async () => {
    const seen = JSON.parse((await call(url('Ipn-Echo'), { headers: { 'X-Test-Header': 'v1' } })).text) as Record<
      string,
      unknown
    >;
    expect(seen).to.include({ headerLower: 'v1', headerMixed: null });
  });

  it("runs in the URL's site and locale, with the HTTP request's URL and remote address", async () => {
    const seen = JSON.parse((await call(`${url('Ipn-Echo', 'SiteA', 'en_US')}?x=1`)).text) as Record<string, unknown>;
    expect(seen).to.include({
      site: 'SiteA',
      locale: 'en_US',
      remoteAddress: '127.0.0.1',
      path: '/on/demandware.store/Sites-SiteA-Site/en_US/Ipn-Echo',
      url: `${url('Ipn-Echo', 'SiteA', 'en_US')}?x=1`,
    });
    const defaultLocale = JSON.parse((await call(url('Ipn-Echo', 'SiteA', 'default'))).text) as Record<string, unknown>;
    expect(defaultLocale.locale).to.equal('default');
    expect(runtime.core.currentSite).to.equal(null);
    expect(runtime.core.locale).to.equal('default');
  });

  it('sets only a locale of the site (Request.md setLocale: "allowed for the current site")', async () => {
    expect(JSON.parse((await call(url('Ipn-Locale'))).text)).to.deep.equal([false, 'fr_FR', true, 'en_US']);
  });

  it('answers 404 for an unknown site, a locale the site does not have, and a URL that is no controller URL', async () => {
    expect((await call(url('Ipn-Echo', 'NoSuchSite'))).status).to.equal(404);
    expect((await call(url('Ipn-Echo', 'SiteA', 'ja_JP'))).status).to.equal(404);
    expect((await call(`${storefront.baseUrl}/on/demandware.store/Sites-SiteA-Site/fr_FR`)).status).to.equal(404);
    expect((await call(`${storefront.baseUrl}/Ipn-Echo`)).status).to.equal(404);
  });

  it('answers 404 (assumed) for a missing controller, a missing or non-function export, and an action not marked public', async () => {
    for (const action of ['Nope-Show', 'Ipn-Missing', 'Ipn-Constant', 'Ipn-Hidden']) {
      const answer = await call(url(action), form('a=1'));
      expect(answer, action).to.include({ status: 404 });
      expect(answer.text).to.not.include('should not run');
    }
    const reasons = runtime.core.warnings.filter((w) => w.code === 'STOREFRONT_NOT_FOUND').map((w) => w.message);
    expect(reasons.join('\n'))
      .to.include("export 'Hidden' is not public")
      .and.to.include("export 'Constant' is not a function");
  });

  it('uses the first cartridge on the path that has the controller: a later one is not searched for the action', async () => {
    expect((await call(url('Shadow-Show'))).status).to.equal(404);
  });

  it('answers 500 with a generic body for an uncaught error: no stack, no output, rolled back, logged', async () => {
    const answer = await call(url('Ipn-Fail'), form('a=1'));
    expect(answer.status).to.equal(500);
    expect(answer.text).to.equal('Internal Server Error');
    expect(answer.text).to.not.match(/secret|4111|Error:|Ipn\.js|partial output/);
    expect(orderCustom('A2').fixtureReason).to.equal(undefined);
    const logged = runtime.core.logs.filter((entry) => entry.level === 'error' && entry.category === 'storefront');
    expect(logged).to.have.length(1);
    expect(logged[0].message).to.include('Ipn-Fail').and.to.include('secret detail').and.to.include('Ipn.js');
  });

  it('commits a transaction the controller left open when it returns without error (platform.md §7.5)', async () => {
    const answer = await call(url('Ipn-LeaveOpen'), form('a=1'));
    expect(answer).to.include({ status: 200, contentType: 'text/html;charset=UTF-8', text: 'done' });
    expect(orderCustom('A2').fixtureReason).to.equal('left open');
    expect(runtime.core.inTransaction()).to.equal(false);
  });

  it('handles concurrent requests one at a time', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => call(url('Ipn-Count'), form('a=1'))));
    expect(answers.map((answer) => answer.text).sort()).to.deep.equal(['1', '2', '3', '4', '5']);
    expect(orderCustom('A3').fixtureAttempts).to.equal(5);
  });

  it('sends only allowed response headers (Response.md: the constants and X-SF-CC-*); content type only before output', async () => {
    const answer = await call(url('Ipn-Headers'));
    expect(answer.headers.get('x-sf-cc-outcome')).to.equal('accepted');
    expect(answer.headers.get('retry-after')).to.equal('5');
    expect(answer.headers.get('x-powered-by')).to.equal(null);
    expect(answer.contentType).to.equal('text/html;charset=UTF-8');
    const codes = runtime.core.warnings.map((w) => w.code);
    expect(codes).to.include.members(['RESPONSE_HEADER_NOT_ALLOWED', 'RESPONSE_CONTENT_TYPE_AFTER_OUTPUT']);
  });

  it('redirects with the status given (301, 302 or 307)', async () => {
    const answer = await call(url('Ipn-Away'));
    expect(answer.status).to.equal(301);
    expect(answer.headers.get('location')).to.equal('https://example.com/thanks');
  });

  it('lets a controller call a service over HTTP, as a job step does', async () => {
    await sandbox.clear();
    const answer = await call(`${url('Ipn-Pay')}?orderNo=A1`, { method: 'POST' });
    expect(answer.text).to.equal('OK captured');
    expect((await sandbox.requests()).map((r) => `${r.method} ${r.url}`)).to.deep.equal(['POST /pay/A1']);
  });

  it('outside a storefront request, request has no HTTP side (Request.md: null in a job) and response cannot be written', () => {
    const probe = dw<{ method(): unknown; parameters(): unknown; write(): void }>(runtime, '*/cartridge/scripts/probe');
    expect(probe.method()).to.equal(null);
    expect(probe.parameters()).to.equal(null);
    expect(() => probe.write()).to.throw(/outside a storefront request/);
  });

  it('refuses multipart/form-data with 501: the emulator does not parse it', async () => {
    const body = new FormData();
    body.append('a', '1');
    expect((await call(url('Ipn-Echo'), { method: 'POST', body })).status).to.equal(501);
  });
});

describe('local runtime: storefront close', () => {
  it('stops listening', async () => {
    const runtime = fixtureRuntime(fixtureInstance(), {
      cartridges: [path.join(storefrontCartridges(), 'app_sf_test')],
    });
    const storefront = await runtime.startStorefront();
    await storefront.close();
    let failed = false;
    await fetch(`${storefront.baseUrl}/`).catch(() => {
      failed = true;
    });
    expect(failed).to.equal(true);
  });
});
