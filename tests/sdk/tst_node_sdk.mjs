// Okta's official Node SDK as a client of the sandbox org: if the SDK, written against real
// Okta, pages, parses, retries after a 429 and reads errors correctly here, the sandbox speaks
// Okta's wire format (Link headers, X-Rate-Limit-* with Date, error bodies, user shapes).
// Usage: node tst_node_sdk.mjs PATH/TO/okta-sandbox   (node_modules: npm ci --prefix tests/sdk)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { test } from 'node:test';

const okta = (await import('@okta/okta-sdk-nodejs').catch(error => {
    console.error(`Okta's Node SDK is missing (${error.code}): npm ci --prefix tests/sdk`);
    process.exit(1);
})).default;

const token = 'sdk-test-token';

// The sandbox is started before any test (top-level await: no reliance on hooks, which older
// Node versions run differently) and stopped when the process ends, whatever happened.
const executable = process.argv[2];
assert.ok(executable, 'usage: node tst_node_sdk.mjs PATH/TO/okta-sandbox');
const sandbox = spawn(executable, ['--api-token', token, '--users', '250', '--seed', '7'],
                      { stdio: ['ignore', 'pipe', 'inherit'] });
process.on('exit', () => sandbox.kill('SIGTERM'));
const firstLine = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('okta-sandbox said nothing in 15 s')), 15000);
    sandbox.once('error', reject);
    sandbox.once('exit', code => reject(new Error(`okta-sandbox exited with ${code}`)));
    createInterface({ input: sandbox.stdout }).once('line', line => {
        clearTimeout(timer);
        resolve(line);
    });
}).catch(error => {
    console.error(error.message);
    process.exit(1);
});
// Neither the child nor its pipe keeps Node running once the tests are done.
sandbox.unref();
sandbox.stdout.unref();
const match = /^okta-sandbox listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(firstLine);
assert.ok(match, `unexpected first line: ${firstLine}`);
const orgUrl = match[1];

function clientWith(apiToken) {
    // The SDK refuses http:// unless told this is a test; everything else is as against Okta.
    return new okta.Client({ orgUrl, token: apiToken, testing: { disableHttpsCheck: true } });
}
const client = clientWith(token);

// Every item, across every page.
async function all(collection) {
    const items = [];
    for await (const item of collection)
        items.push(item);
    return items;
}

// The first `count` items; later pages are never fetched.
async function take(collection, count) {
    const items = [];
    for await (const item of collection) {
        items.push(item);
        if (items.length === count)
            return items;
    }
    assert.fail(`the list had only ${items.length} items`);
}

async function rejection(promise) {
    try {
        await promise;
    } catch (error) {
        return error;
    }
    assert.fail('the call was expected to fail');
}

test('listUsers follows the Link header across pages, each user once', async () => {
    const paged = await all(await client.userApi.listUsers({ search: 'status eq "ACTIVE"', limit: 20 }));
    const whole = await all(await client.userApi.listUsers({ search: 'status eq "ACTIVE"', limit: 200 }));
    assert.ok(paged.length > 40, `only ${paged.length} active users: not several pages`);
    assert.equal(new Set(paged.map(u => u.id)).size, paged.length, 'a user came twice');
    assert.deepEqual(paged.map(u => u.id).sort(), whole.map(u => u.id).sort());
    for (const user of paged)
        assert.equal(user.status, 'ACTIVE');
});

test('users parse into the SDK model: dates, profile, links', async () => {
    const [user] = await take(await client.userApi.listUsers({ limit: 1 }), 1);
    assert.match(user.id, /^00u[0-9A-Za-z]{17}$/);
    assert.ok(user.created instanceof Date && !Number.isNaN(user.created.getTime()));
    assert.ok(user.lastUpdated instanceof Date);
    assert.match(user.profile.login, /@/);
    assert.match(user.profile.email, /@/);
    assert.ok(user._links.self.href.startsWith(`${orgUrl}/api/v1/users/${user.id}`));
    const byLogin = await client.userApi.getUser({ userId: user.profile.login });
    assert.equal(byLogin.id, user.id);
    const me = await client.userApi.getUser({ userId: 'me' });
    assert.equal(me.profile.login, 'analyst@sandbox.example');
});

test('a search for a hostile name, escaped as Okta wants it, finds that user', async () => {
    const everyone = await all(await client.userApi.listUsers({ limit: 200 }));
    const hostile = everyone.find(u => /["']/.test(u.profile.lastName));
    assert.ok(hostile, 'the directory has no name with a quote or apostrophe');
    const value = JSON.stringify(hostile.profile.lastName); // SCIM filter strings are JSON strings
    const found = await all(await client.userApi.listUsers({ search: `profile.lastName eq ${value}` }));
    assert.ok(found.length >= 1);
    assert.ok(found.some(u => u.id === hostile.id));
    assert.ok(found.every(u => u.profile.lastName === hostile.profile.lastName));
});

test('errors arrive as the SDK expects Okta errors', async () => {
    const missing = await rejection(client.userApi.getUser({ userId: '00u0000000000notthere' }));
    assert.equal(missing.status, 404);
    assert.equal(missing.errorCode, 'E0000007');
    assert.match(missing.errorSummary, /^Not found: /);
    assert.ok(missing.errorId);

    const malformed = await rejection(
        all(await client.userApi.listUsers({ search: 'profile.lastName eq' })));
    assert.equal(malformed.status, 400);
    assert.equal(malformed.errorCode, 'E0000031');

    const stranger = await rejection(clientWith('not-the-token').userApi.getUser({ userId: 'me' }));
    assert.equal(stranger.status, 401);
    assert.equal(stranger.errorCode, 'E0000011');
});

test('past the limit the SDK waits for X-Rate-Limit-Reset (by Date) and succeeds', async () => {
    // /api/v1/users/me allows 40 calls per 10 s, as in Okta: 45 calls meet one 429 at least.
    let backoffs = 0;
    const countBackoff = () => ++backoffs;
    client.requestExecutor.on('backoff', countBackoff);
    try {
        for (let i = 0; i < 45; ++i) {
            const me = await client.userApi.getUser({ userId: 'me' });
            assert.equal(me.profile.login, 'analyst@sandbox.example');
        }
    } finally {
        client.requestExecutor.off('backoff', countBackoff);
    }
    assert.ok(backoffs >= 1, 'no 429 was met, so nothing was proven');
});

test('governance reviews answer the SDK\'s own HTTP client with an SSWS token', async () => {
    const [target, reviewer] = await take(
        await client.userApi.listUsers({ search: 'status eq "ACTIVE"', limit: 2 }), 2);
    const url = `${orgUrl}/governance/api/v2/security-access-reviews`;
    const created = await client.http.postJson(url, {
        body: {
            name: `SDK review "${target.profile.lastName}"`,
            principalId: target.id,
            reviewerSettings: { type: 'USER', userSettings: { includedUserIds: [reviewer.id] } },
        },
    });
    assert.match(created.id, /^[0-9A-Za-z]{20}$/);
    assert.equal(created.status, 'PENDING');
    const read = await client.http.json(`${url}/${created.id}`);
    assert.equal(read.id, created.id);
    assert.equal(read.name, `SDK review "${target.profile.lastName}"`);
});
