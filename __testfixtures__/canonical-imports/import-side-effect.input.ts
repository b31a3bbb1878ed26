import '../legacy/engine';
