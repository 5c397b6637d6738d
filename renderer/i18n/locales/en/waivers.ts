// English strings of four-eyes waivers (issue 16): requests, decisions, what holds the gate.
export const waivers = {
  heading: 'Waiver',
  state: { pending: 'Waiver pending', approved: 'Waived', refused: 'Waiver refused' },
  request: 'Request waiver…',
  requestHelp:
    'Going live without this blocking item needs a supervisor of the office to approve a waiver.',
  requestedBy: 'Requested by {{name}}, {{time}}: {{justification}}',
  awaitsSupervisor:
    'Awaits a supervisor of the office: the gate stays at NO-GO until they approve it with their own key.',
  approvedBy: 'Approved by {{name}}, {{time}}',
  refusedBy: 'Refused by {{name}}, {{time}}: {{comment}}',
  refusedHelp:
    'The gate stays at NO-GO: resolve the item, or withdraw the request and ask again with better reasons.',
  withdraw: 'Withdraw request',
  remove: 'Remove waiver',
  gate: {
    pending_one: '{{count}} waiver awaits a supervisor',
    pending_other: '{{count}} waivers await a supervisor',
    refused_one: '{{count}} waiver refused',
    refused_other: '{{count}} waivers refused',
  },
  decide: {
    title: 'Waiver of “{{item}}”',
    run: 'Run',
    requestedBy: 'Requested by',
    justification: 'Justification',
    help: 'Approve only what you agreed: an approved waiver lets the run reach GO without this item. Your decision is signed with your key and recorded in the run’s history.',
    comment: 'Comment',
    commentHelp: 'Required when refusing: say what is needed instead.',
    reasonRequired: 'Say why the waiver is refused.',
    consequence: 'Signed with this device’s key as {{name}}.',
    approve: 'Approve and sign',
    refuse: 'Refuse and sign',
    signing: 'Signing…',
    cancel: 'Cancel',
  },
  awaiting: {
    heading: 'Waivers awaiting you',
    intro:
      'Waiver requests on runs of the offices you supervise. Sync brings new requests and sends your decisions to the administrator.',
    none: 'No waiver awaits your decision.',
    requested: 'requested by {{name}}, {{time}}',
    decide: 'Approve or refuse…',
    decideItem: 'Approve or refuse the waiver of {{item}}',
    decided: {
      approve: 'You approved the waiver of “{{item}}”. Sync sends your decision.',
      refuse: 'You refused the waiver of “{{item}}”. Sync sends your decision.',
    },
  },
};
