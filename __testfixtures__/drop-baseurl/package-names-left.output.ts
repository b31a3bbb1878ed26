import { EventEmitter } from 'events';
import { get } from 'config';
import { appEvents } from './../events';

export const all = [EventEmitter, get, appEvents];
