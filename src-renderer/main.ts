import { mount } from 'svelte';
import App from './App.svelte';
import './styles/base.css';
import './styles/components.css';
import './styles/object-browser.css';
import './styles/transfers.css';
import './styles/connections-watches.css';
import './styles/actions.css';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
mount(App, { target });
