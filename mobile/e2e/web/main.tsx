// The web entry of the end-to-end run: the same Root as index.js, rendered by react-native-web.
import './polyfills';
import {AppRegistry} from 'react-native';
import {name as appName} from '../../app.json';
import {Root} from '../../src/Root';

AppRegistry.registerComponent(appName, () => Root);
AppRegistry.runApplication(appName, {rootTag: document.getElementById('root')});
