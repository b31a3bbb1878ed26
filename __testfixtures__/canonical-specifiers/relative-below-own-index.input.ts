// The folder's own index is its public API: named by the folder's name, never '.'.
import { orderList } from '.';
import * as orders from './index';

export const all = [orderList, orders];
