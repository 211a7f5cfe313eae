// The live meeting's case page: the clock of the case under discussion, keyboard shortcuts, and picking an action
// from the catalogue. Each enhances markup that works without it: the server renders the clock's time when the page
// is served, the shortcuts are links and form fields, and the catalogue box is a plain text box with a datalist.

// The tag colours of meetings.live.CLOCK_TAG_CLASS.
const CLOCK_TAG_CLASSES = {
  withinTarget: "govuk-tag--green",
  pastTarget: "govuk-tag--yellow",
  pastLimit: "govuk-tag--red",
};

function minutesAndSeconds(totalSeconds) {
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = String(totalSeconds % 60).padStart(2, "0");
  return `${minutes}:${seconds}`;
}

function clockState(totalSeconds, targetMinutes, limitMinutes) {
  if (totalSeconds > limitMinutes * 60) {
    return "pastLimit";
  }
  return totalSeconds > targetMinutes * 60 ? "pastTarget" : "withinTarget";
}

// The words come translated from the page (data-text-*), in the language the server chose for the person.
function clockText(element, totalSeconds, state) {
  const text = element.dataset.textRunning.replace("{time}", minutesAndSeconds(totalSeconds));
  if (state === "pastLimit") {
    return `${text}, ${element.dataset.textPastLimit}`;
  }
  return state === "pastTarget" ? `${text}, ${element.dataset.textPastTarget}` : text;
}

function startCaseClock(element) {
  if (element.dataset.caseClockTicking) {
    return;
  }
  element.dataset.caseClockTicking = "true";
  const startedSeconds = Number(element.dataset.started);
  const targetMinutes = Number(element.dataset.targetMinutes);
  const limitMinutes = Number(element.dataset.limitMinutes);
  // Count on the server's clock: the difference between it and this computer's is taken once, when the page arrives.
  const offsetMilliseconds = Number(element.dataset.serverNow) * 1000 - Date.now();
  let timer;
  const tick = () => {
    if (!element.isConnected) {
      clearInterval(timer);
      return;
    }
    const nowSeconds = (Date.now() + offsetMilliseconds) / 1000;
    const totalSeconds = Math.max(0, Math.floor(nowSeconds - startedSeconds));
    const state = clockState(totalSeconds, targetMinutes, limitMinutes);
    const text = clockText(element, totalSeconds, state);
    if (element.textContent !== text) {
      element.textContent = text;
    }
    for (const [name, className] of Object.entries(CLOCK_TAG_CLASSES)) {
      element.classList.toggle(className, name === state);
    }
  };
  tick();
  timer = setInterval(tick, 1000);
}

// Keyboard shortcuts: the keys are those named in each element's aria-keyshortcuts, so what the page tells
// assistive technology and what it does cannot drift apart. A link is followed; a form field is focused.

function isTypingIn(target) {
  return target instanceof HTMLElement && (target.isContentEditable || target.closest("input, textarea, select"));
}

function elementForKey(key) {
  for (const element of document.querySelectorAll("[aria-keyshortcuts]")) {
    const keys = element.getAttribute("aria-keyshortcuts").split(/\s+/);
    if (keys.includes(key)) {
      return element;
    }
  }
  return null;
}

function onKeydown(event) {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) {
    return;
  }
  const target = event.target;
  if (isTypingIn(target)) {
    // Escape leaves a field that has a shortcut of its own, so that the other shortcuts work again.
    if (event.key === "Escape" && target.hasAttribute("aria-keyshortcuts")) {
      target.blur();
    }
    return;
  }
  const element = elementForKey(event.key);
  if (element === null) {
    return;
  }
  event.preventDefault();
  if (element instanceof HTMLAnchorElement) {
    element.click();
  } else {
    element.focus();
  }
}

// The catalogue box: the server accepts a few words that match one action ("marker" + Enter). Here, as soon as the
// words match one action, the page says which, and the owner agency is chosen when only one of its kind is invited.

function catalogueMatches(options, typed) {
  const wanted = typed.trim().toLocaleLowerCase();
  if (!wanted) {
    return [];
  }
  const exact = options.filter((option) => option.value.toLocaleLowerCase() === wanted);
  return exact.length ? exact : options.filter((option) => option.value.toLocaleLowerCase().includes(wanted));
}

function startCataloguePicker(input) {
  if (input.dataset.cataloguePickerReady || !input.list) {
    return;
  }
  input.dataset.cataloguePickerReady = "true";
  const options = [...input.list.options];
  const owner = input.form?.elements.namedItem("owner_agency");
  const status = document.getElementById(`${input.id}-match`);
  input.addEventListener("input", () => {
    const matches = catalogueMatches(options, input.value);
    if (status) {
      if (matches.length === 1) {
        status.textContent = input.dataset.textOneMatch.replace("{action}", matches[0].value);
      } else {
        status.textContent = matches.length
          ? input.dataset.textManyMatches.replace("{count}", String(matches.length))
          : "";
      }
    }
    const chosenOwner = matches.length === 1 ? matches[0].dataset.owner : undefined;
    if (chosenOwner && owner instanceof HTMLSelectElement) {
      owner.value = chosenOwner;
    }
  });
}

let keyboardListening = false;

export function initLiveMeeting(root = document) {
  root.querySelectorAll("[data-case-clock]").forEach(startCaseClock);
  root.querySelectorAll("input[data-catalogue-picker]").forEach(startCataloguePicker);
  if (!keyboardListening) {
    document.addEventListener("keydown", onKeydown);
    keyboardListening = true;
  }
  // After an action is added the actions part of the page is swapped: be ready to type the next one, unless the
  // error summary has taken the focus to say what to fix.
  if (root instanceof HTMLElement && root.id === "agreed-actions" && !root.querySelector(".govuk-error-summary")) {
    root.querySelector("input[data-catalogue-picker]")?.focus();
  }
}
