/**
 * The most replications one backtest may ask for, from the CLI (`backtest --replications`) and
 * from the server (`GET /api/backtest?replications=`) alike. A module of its own so the server can
 * check a request without loading the backtest and the model.
 */
export const MAX_BACKTEST_REPLICATIONS = 200;
