/** The break-prompt page: Electron's one reused prompt window loads it (see PromptWindow.svelte). */
import { mount } from 'svelte';
import PromptWindow from './PromptWindow.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('prompt.html has no #app element');

export default mount(PromptWindow, { target });
