module.exports = function (file {
