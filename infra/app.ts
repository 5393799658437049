import { App } from 'aws-cdk-lib';
import { addFoerdertracker } from './foerdertracker.ts';

const app = new App();
const publicBaseUrl: unknown = app.node.tryGetContext('publicBaseUrl');
addFoerdertracker(app, typeof publicBaseUrl === 'string' ? { publicBaseUrl } : {});
app.synth();
