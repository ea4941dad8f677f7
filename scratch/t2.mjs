import { Session } from 'chdb';
const ss = Array.from({length:4}, () => new Session('/tmp/chx/data'));
let t1 = Date.now();
await Promise.all(Array.from({length:16},(_, i)=> ss[i%4].queryAsync(`SELECT ${i}, sleep(0.2)`, {format:'TSV'})));
console.log('16 over 4 conns', Date.now()-t1);
t1 = Date.now();
await Promise.all(Array.from({length:4},(_, i)=> ss[i].queryAsync(`SELECT count() FROM numbers(300000000) WHERE sipHash64(number) % 7 = 1`, {format:'TSV'})));
console.log('4 cpu-heavy over 4 conns', Date.now()-t1);
t1 = Date.now();
await ss[0].queryAsync(`SELECT count() FROM numbers(300000000) WHERE sipHash64(number) % 7 = 1`, {format:'TSV'});
console.log('1 cpu-heavy', Date.now()-t1);
const s = ss[0];
console.log((await s.queryBindAsync('SELECT {a:UInt32} + 1, {s:String}, {d:Date}, {arr:Array(String)}', {a:'41', s:"it's", d:'2024-01-02', arr:"['x','y']"}, {format:'TSV'})).text());
await s.queryAsync('SET readonly = 2');
try { await s.queryAsync('CREATE TABLE x (a UInt8) ENGINE=Memory'); console.log('ro create allowed!'); } catch (e) { console.log('ro refused', e.clickhouseCode, e.message.slice(0,120)); }
try { await s.queryAsync('SET readonly = 0'); console.log('ro reset allowed!'); } catch (e) { console.log('ro reset refused', e.clickhouseCode, e.message.slice(0,120)); }
try { await s.queryAsync('SET max_threads = 1'); console.log('ro set other allowed'); } catch (e) { console.log('ro set refused', e.message.slice(0,120)); }
try { await s.queryAsync("INSERT INTO rb VALUES (1,'a')"); console.log('ro insert allowed!'); } catch (e) { console.log('ro insert refused', e.clickhouseCode); }
try { await s.queryAsync("SELECT * FROM file('/etc/passwd', 'LineAsString') LIMIT 1", {format:'TSV'}).then(r=>console.log('file read allowed:', r.text())); } catch (e) { console.log('file refused', e.message.slice(0,100)); }
const r = await s.queryAsync('SELECT number FROM numbers(5)', {format:'JSON'}); console.log(r.elapsed, r.rowsRead, r.bytesRead);
console.log(process.memoryUsage().rss/1e6);
for (const x of ss) x.close();
