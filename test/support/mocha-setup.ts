// Loaded by mocha before any test (.mocharc.json "require"). NODE_ENV=test makes every store
// deep-freeze its records (services/shared/store/README.md), in this process and in every
// service a test starts (they inherit the environment), so a rule that mutates a stored
// record instead of putting a new one throws in the tests rather than slipping past the journal.
process.env.NODE_ENV = 'test';
