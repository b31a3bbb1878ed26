import '../agents/execution-engine';
