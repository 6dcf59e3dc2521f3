// The buffer polyfill must exist before rsocket-js is loaded.
import {Buffer} from 'buffer';
import {AppRegistry} from 'react-native';
import {name as appName} from './app.json';
import {Root} from './src/Root';

if (typeof global.Buffer === 'undefined') {
  global.Buffer = Buffer;
}

AppRegistry.registerComponent(appName, () => Root);
