// Run by primary-node's MongoshScriptTest against a started primary: the everyday CRUD helpers of mongosh
// (createCollection, insertMany, find with filter/sort/projection, updateMany, deleteMany, createIndex,
// explain, countDocuments, show collections, show dbs), each result checked as MongoDB 7.0 returns it.
// Any failed assert throws, which makes mongosh exit non-zero.
const assert = require('assert');

// Results come back as shell objects; compare their plain JSON form.
const plain = (value) => JSON.parse(JSON.stringify(value));

const shop = db.getSiblingDB('mongosh_crud');
shop.dropDatabase();

assert.strictEqual(shop.createCollection('items').ok, 1);

const inserted = shop.items.insertMany([
  { _id: 1, sku: 'apple', qty: 5, tags: ['fruit'] },
  { _id: 2, sku: 'banana', qty: 20, tags: ['fruit'] },
  { _id: 3, sku: 'carrot', qty: 15, tags: ['vegetable'] },
  { _id: 4, sku: 'date', qty: 40, tags: ['fruit', 'dried'] },
]);
assert.strictEqual(inserted.acknowledged, true);
assert.deepStrictEqual(plain(inserted.insertedIds), { 0: 1, 1: 2, 2: 3, 3: 4 });

const found = shop.items.find({ qty: { $gte: 10 } }, { _id: 0, sku: 1, qty: 1 }).sort({ qty: -1 }).toArray();
assert.deepStrictEqual(plain(found), [
  { sku: 'date', qty: 40 },
  { sku: 'banana', qty: 20 },
  { sku: 'carrot', qty: 15 },
]);

const updated = shop.items.updateMany({ tags: 'fruit' }, { $inc: { qty: 1 }, $set: { checked: true } });
assert.strictEqual(updated.acknowledged, true);
assert.strictEqual(updated.matchedCount, 3);
assert.strictEqual(updated.modifiedCount, 3);
assert.strictEqual(updated.upsertedCount, 0);
assert.strictEqual(updated.insertedId, null);
assert.deepStrictEqual(plain(shop.items.findOne({ _id: 1 })), { _id: 1, sku: 'apple', qty: 6, tags: ['fruit'], checked: true });

const deleted = shop.items.deleteMany({ qty: { $lt: 10 } });
assert.strictEqual(deleted.acknowledged, true);
assert.strictEqual(deleted.deletedCount, 1);

assert.strictEqual(shop.items.createIndex({ sku: 1 }), 'sku_1');
assert.deepStrictEqual(plain(shop.items.getIndexes().map((index) => index.name)), ['_id_', 'sku_1']);

// The winning plan fetches through an IXSCAN of sku_1, wherever the plan tree puts it.
const explained = shop.items.find({ sku: 'banana' }).explain();
assert.strictEqual(explained.queryPlanner.namespace, 'mongosh_crud.items');
function findStage(plan, name) {
  if (plan === null || typeof plan !== 'object') {
    return null;
  }
  if (plan.stage === name) {
    return plan;
  }
  for (const child of [plan.queryPlan, plan.inputStage, ...(plan.inputStages || [])]) {
    const stage = findStage(child, name);
    if (stage) {
      return stage;
    }
  }
  return null;
}
const ixscan = findStage(explained.queryPlanner.winningPlan, 'IXSCAN');
assert.ok(ixscan, 'no IXSCAN in ' + JSON.stringify(explained.queryPlanner.winningPlan));
assert.strictEqual(ixscan.indexName, 'sku_1');
assert.deepStrictEqual(plain(ixscan.keyPattern), { sku: 1 });

assert.strictEqual(shop.items.countDocuments({}), 3);
assert.strictEqual(shop.items.countDocuments({ checked: true }), 2);
assert.strictEqual(shop.items.countDocuments({ sku: 'zucchini' }), 0);

// `show collections` and `show dbs`, through the shell API functions they are run by.
shop.createCollection('orders');
use('mongosh_crud');
const shown = show('collections').value.map((c) => c.name).sort();
assert.deepStrictEqual(plain(shown), ['items', 'orders']);
const dbs = show('dbs').value.map((d) => d.name);
assert.ok(dbs.includes('mongosh_crud'), 'show dbs lists ' + JSON.stringify(dbs));

assert.strictEqual(shop.dropDatabase().ok, 1);
assert.ok(!show('dbs').value.some((d) => d.name === 'mongosh_crud'), 'a dropped database is not shown');
print('WRONGODB-MONGOSH-CRUD-OK');
