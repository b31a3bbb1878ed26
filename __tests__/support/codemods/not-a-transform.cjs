module.exports = { transform: 'not a function' };
