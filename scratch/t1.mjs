import { Session } from 'chdb';
const s = new Session('/tmp/chx/data');
const t0 = Date.now();
console.log((await s.queryAsync('SELECT version()', {format:'TSV'})).text());
console.log('open', Date.now()-t0);
await s.queryAsync('CREATE TEMPORARY TABLE tt (a UInt8)');
try { console.log('temp visible:', (await s.queryAsync('SELECT count() FROM tt', {format:'TSV'})).text()); } catch (e) { console.log('temp err', e.message.slice(0,200)); }
const s2 = new Session('/tmp/chx/data');
console.log('same conn?', s2.connection === s.connection);
try { console.log('temp visible in s2:', (await s2.queryAsync('SELECT count() FROM tt', {format:'TSV'})).text()); } catch (e) { console.log('s2 temp err', e.message.slice(0,200)); }
// concurrency
const t1 = Date.now();
const rs = await Promise.all(Array.from({length:16},(_, i)=> s.queryAsync(`SELECT ${i}, sleep(0.2)`, {format:'TSV'})));
console.log('16 concurrent in', Date.now()-t1, rs.map(r=>r.text().trim()).join('|'));
// settings via SETTINGS
console.log((await s.queryAsync("SELECT getSetting('max_threads')", {format:'TSV'})).text());
await s.queryAsync("SET max_threads = 1");
console.log('after set', (await s.queryAsync("SELECT getSetting('max_threads')", {format:'TSV'})).text());
try { await s.queryAsync("SET max_threads = DEFAULT"); console.log('default ok', (await s.queryAsync("SELECT getSetting('max_threads')", {format:'TSV'})).text()); } catch (e) { console.log('SET DEFAULT err', e.message.slice(0,200)); }
// INFILE rowbinary
import fs from 'node:fs';
await s.queryAsync('CREATE TABLE IF NOT EXISTS rb (a UInt32, s String) ENGINE=MergeTree ORDER BY a');
const buf = Buffer.alloc(4+1+2); buf.writeUInt32LE(7,0); buf.writeUInt8(2,4); buf.write('hi',5);
fs.writeFileSync('/tmp/chx/rb.bin', buf);
try { await s.queryAsync("INSERT INTO rb FROM INFILE '/tmp/chx/rb.bin' FORMAT RowBinary"); console.log('infile ok', (await s.queryAsync('SELECT * FROM rb', {format:'TSV'})).text()); } catch (e) { console.log('infile err', e.message.slice(0,300)); }
try { await s.queryAsync("SELEC 1"); } catch (e) { console.log('err obj', Object.keys(e), e.code, e.message.slice(0,300)); }
try { const r = await s.queryAsync("SELECT 1 FORMAT JSON", {format: 'TSV'}); console.log('fmt clause', r.text().slice(0,80)); } catch (e) { console.log(e.message) }
s.close();
