import { ICnpgResource } from '../resource/resource';

/** An ObjectStore of the Barman Cloud plugin: one of this app, or one managed elsewhere (`ObjectStore.fromObjectStoreName`). */
export interface IObjectStore extends ICnpgResource {}
